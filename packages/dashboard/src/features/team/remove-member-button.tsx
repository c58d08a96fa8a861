import { ActionIcon, Button, Group, Modal, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "../../api/api-error";
import type { Member } from "../../api/types";
import { useRemoveMember } from "../../api/use-members";
import { useSession } from "../../app/session-context";

export function RemoveMemberButton({ member }: { member: Member }) {
  const { organization } = useSession();
  const remove = useRemoveMember(organization.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip label="Remove from team">
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove ${member.email}`}
          onClick={() => setOpen(true)}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Remove ${member.email}?`}>
        <Text size="sm">
          They lose access to every product of {organization.name} at once. Their account stays, so
          you can add them again later.
        </Text>
        {remove.error && (
          <Text size="sm" c="red" mt="sm">
            {describeError(remove.error)}
          </Text>
        )}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(member.accountId, {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({
                    color: "green",
                    message: `Removed ${member.email}`,
                    autoClose: 2500,
                  });
                },
              })
            }
          >
            Remove member
          </Button>
        </Group>
      </Modal>
    </>
  );
}
