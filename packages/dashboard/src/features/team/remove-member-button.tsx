import { ActionIcon, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { Member } from "../../api/types";
import { useRemoveMember } from "../../api/use-members";
import { useSession } from "../../app/session-context";
import { ConfirmDialog } from "../../ui/confirm-dialog";

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
      <ConfirmDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={`Remove ${member.email}?`}
        confirmLabel="Remove member"
        mutation={remove}
        variables={member.accountId}
        successMessage={`Removed ${member.email}`}
      >
        They lose access to every product of {organization.name} at once. Their account stays, so
        you can add them again later.
      </ConfirmDialog>
    </>
  );
}
