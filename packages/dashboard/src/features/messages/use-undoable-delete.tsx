import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Message } from "@nudge/schema";
import { IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { describeError, isApiError } from "../../api/api-error";
import { queryKeys } from "../../api/query-keys";
import {
  cancelDelete,
  commitDelete,
  pendingDeleteIds,
  queueDelete,
  subscribePendingDeletes,
} from "./pending-deletes";

export const undoWindowMs = 5000;

export function usePendingDeleteIds(): ReadonlySet<string> {
  return useSyncExternalStore(subscribePendingDeletes, pendingDeleteIds);
}

/**
 * Delete with an Undo toast: the row disappears at once, the DELETE is sent only when the toast
 * expires or is closed (or the page is left), and Undo simply cancels it.
 */
export function useUndoableDelete(productId: string) {
  const client = useQueryClient();
  return useCallback(
    (message: Pick<Message, "id" | "name">) => {
      const toastId = `delete-${message.id}`;
      queueDelete({
        productId,
        id: message.id,
        onSettled: (error) => {
          // A message that is already gone (404) is what the user wanted.
          if (error && !isApiError(error, 404)) {
            notifications.show({
              color: "red",
              title: `Could not delete “${message.name}”`,
              message: describeError(error),
            });
          }
          void client.invalidateQueries({ queryKey: queryKeys.messages(productId) });
          void client.invalidateQueries({ queryKey: queryKeys.productStats(productId) });
        },
      });
      const undo = () => {
        const restored = cancelDelete(message.id);
        notifications.hide(toastId);
        notifications.show(
          restored
            ? { color: "green", message: `Restored “${message.name}”`, autoClose: 2500 }
            : { color: "yellow", message: "Too late: the delete was already sent" },
        );
      };
      notifications.show({
        id: toastId,
        icon: <IconTrash size={18} />,
        color: "gray",
        title: "Message deleted",
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" truncate>
              “{message.name}”
            </Text>
            <Button size="compact-sm" variant="light" onClick={undo}>
              Undo
            </Button>
          </Group>
        ),
        autoClose: undoWindowMs,
        withAutoCloseProgress: true,
        // Fires on expiry and on ×; after Undo the delete is no longer pending, so it is a no-op.
        onClose: () => commitDelete(message.id),
      });
    },
    [client, productId],
  );
}
