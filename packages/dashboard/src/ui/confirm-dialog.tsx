import { Button, Group, Modal, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { UseMutationResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describeError } from "../api/api-error";

/**
 * The one confirmation dialog for destructive actions (delete, revoke, remove): explains the
 * consequence, shows the server's refusal inline, and toasts success.
 */
export function ConfirmDialog<V>({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  mutation,
  variables,
  successMessage,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  // biome-ignore lint/suspicious/noExplicitAny: any mutation result type will do here.
  mutation: UseMutationResult<any, Error, V>;
  variables: V;
  successMessage: string;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Text size="sm">{children}</Text>
      {mutation.error && (
        <Text size="sm" c="red" mt="sm" role="alert">
          {describeError(mutation.error)}
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={mutation.isPending}
          onClick={() =>
            mutation.mutate(variables, {
              onSuccess: () => {
                onClose();
                notifications.show({ color: "green", message: successMessage, autoClose: 2500 });
              },
            })
          }
        >
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
