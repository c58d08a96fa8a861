import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import type { KeyType } from "@nudge/schema";
import { useState } from "react";
import { type CreatedKey, useCreateKey } from "../../api/use-keys";
import { useSession } from "../../app/session-context";
import { FormError, fieldError } from "../../ui/form-error";

export function CreateKeyModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (k: CreatedKey) => void;
}) {
  const { product } = useSession();
  const create = useCreateKey(product.id);
  const [type, setType] = useState<KeyType>("publishable");
  const [name, setName] = useState("");
  const close = () => {
    create.reset();
    setName("");
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Create API key">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { type, name: name.trim() },
            {
              onSuccess: (k) => {
                setName("");
                onCreated(k);
              },
            },
          );
        }}
      >
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="key-type-label">
              Type
            </Text>
            <SegmentedControl
              aria-labelledby="key-type-label"
              data={[
                { value: "publishable", label: "Publishable (browser)" },
                { value: "secret", label: "Secret (server)" },
              ]}
              value={type}
              onChange={(v) => setType(v as KeyType)}
              fullWidth
            />
            <Text size="xs" c="dimmed">
              {type === "publishable"
                ? "Safe in web pages: reads active messages for a user and records what they did."
                : "Full access to this product’s data. Keep it on your servers."}
            </Text>
          </Stack>
          <TextInput
            label="Name"
            placeholder={type === "publishable" ? "Production website" : "Backend scoring job"}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
            required
            maxLength={100}
            data-autofocus
          />
          <FormError error={create.error} shown={["name"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
