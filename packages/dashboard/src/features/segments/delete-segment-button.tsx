import { ActionIcon, Tooltip } from "@mantine/core";
import type { Segment } from "@nudge/schema";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useDeleteSegment } from "../../api/use-segments";
import { useSession } from "../../app/session-context";
import { ConfirmDialog } from "../../ui/confirm-dialog";

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
      <ConfirmDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={`Delete “${segment.name}”?`}
        confirmLabel="Delete segment"
        mutation={remove}
        variables={segment.id}
        successMessage={`Deleted “${segment.name}”`}
      >
        Messages cannot target a deleted segment. A segment still used as an audience cannot be
        deleted.
      </ConfirmDialog>
    </>
  );
}
