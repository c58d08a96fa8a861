import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useCreateMessage } from "../../api/use-messages";
import { FormError, fieldError } from "../../ui/form-error";
import { newMessageInput } from "./default-message";

/** New message: ask for a name, create a draft, open the editor. */
export function NewMessageModal({
  productId,
  opened,
  onClose,
}: {
  productId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const create = useCreateMessage(productId);
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const close = () => {
    setName("");
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New message">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(newMessageInput(name.trim()), {
            onSuccess: (message) => {
              close();
              navigate(`/messages/${message.id}`);
            },
          });
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            Give it a name your team will recognise. It starts as a draft with one modal step; you
            choose the trigger, audience and steps next.
          </Text>
          <TextInput
            label="Name"
            placeholder="e.g. Welcome tour"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
            required
            maxLength={200}
            data-autofocus
          />
          <FormError error={create.error} shown={["name"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create and edit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
