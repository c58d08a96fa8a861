import { Button } from "@mantine/core";
import type { ApiKey } from "@nudge/schema";
import { useState } from "react";
import { useRevokeKey } from "../../api/use-keys";
import { ConfirmDialog } from "../../ui/confirm-dialog";

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
      <ConfirmDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={`Revoke “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        mutation={revoke}
        variables={apiKey.id}
        successMessage={`Revoked “${apiKey.name}”`}
      >
        It stops working at once. Any site or server still using <b>{apiKey.prefix}</b> gets 401
        errors. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
