import { Button, Group, Modal, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ApiKey } from "@nudge/schema";
import { useState } from "react";
import { describeError } from "../../api/api-error";
import { useRevokeKey } from "../../api/use-keys";

export function RevokeKeyButton({ apiKey, productId }: { apiKey: ApiKey; productId: string }) {
  const revoke = useRevokeKey(productId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => setOpen(true)}
        aria-label={`Revoke ${apiKey.name}`}
      >
        Revoke
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Revoke “${apiKey.name}”?`}>
        <Text size="sm">
          It stops working at once. Any site or server still using <b>{apiKey.prefix}</b> gets 401
          errors. This cannot be undone.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() =>
              revoke.mutate(apiKey.id, {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({
                    color: "green",
                    message: `Revoked “${apiKey.name}”`,
                    autoClose: 2500,
                  });
                },
                onError: (e) =>
                  notifications.show({
                    color: "red",
                    title: "Not revoked",
                    message: describeError(e),
                  }),
              })
            }
          >
            Revoke key
          </Button>
        </Group>
      </Modal>
    </>
  );
}
