import { ActionIcon, Button, Group, Modal, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Segment } from "@nudge/schema";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "../../api/api-error";
import { useDeleteSegment } from "../../api/use-segments";
import { useSession } from "../../app/session-context";

export function DeleteSegmentButton({ segment }: { segment: Segment }) {
  const { product } = useSession();
  const remove = useDeleteSegment(product.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip label="Delete">
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={() => setOpen(true)}
          aria-label={`Delete ${segment.name}`}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Delete “${segment.name}”?`}>
        <Text size="sm">
          Messages cannot target a deleted segment. A segment still used as an audience cannot be
          deleted.
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
              remove.mutate(segment.id, {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({
                    color: "green",
                    message: `Deleted “${segment.name}”`,
                    autoClose: 2500,
                  });
                },
              })
            }
          >
            Delete segment
          </Button>
        </Group>
      </Modal>
    </>
  );
}
