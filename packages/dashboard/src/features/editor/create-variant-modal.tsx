import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Message } from "@nudge/schema";
import { IconInfoCircle } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { useCreateVariant } from "../../api/use-experiments";
import { useSession } from "../../app/session-context";
import { FormError } from "../../ui/form-error";

/**
 * "Create variant": clones the saved message into a new A/B arm (the first one creates the
 * experiment, 50/50) and opens the clone's editor, where it is made different and set Active.
 */
export function CreateVariantModal({
  message,
  dirty,
  opened,
  onClose,
}: {
  message: Message;
  dirty: boolean;
  opened: boolean;
  onClose: () => void;
}) {
  const { product } = useSession();
  const create = useCreateVariant(product.id);
  const navigate = useNavigate();
  const close = () => {
    create.reset();
    onClose();
  };
  const first = !message.experimentId;
  return (
    <Modal opened={opened} onClose={close} title="Create an A/B variant">
      <Stack>
        <Text size="sm">
          A copy of “{message.name}” becomes a new arm of {first ? "a new" : "its"} A/B test:
        </Text>
        <List size="sm" spacing={4}>
          {first ? (
            <>
              <List.Item>this message stays as the control;</List.Item>
              <List.Item>the copy is the treatment, a draft you can change;</List.Item>
              <List.Item>users are split 50 / 50 once both are Active.</List.Item>
            </>
          ) : (
            <>
              <List.Item>the copy is a draft you can change;</List.Item>
              <List.Item>weights are split evenly between all arms.</List.Item>
            </>
          )}
        </List>
        {dirty && (
          <Alert color="orange" icon={<IconInfoCircle />} title="Save first">
            The copy is made from the saved version; save your changes to include them.
          </Alert>
        )}
        <FormError error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={create.isPending}
            disabled={dirty}
            onClick={() =>
              create.mutate(message.id, {
                onSuccess: ({ treatment }) => {
                  close();
                  notifications.show({
                    color: "green",
                    message: `Created “${treatment.name}”: make it different, then set it Active`,
                    autoClose: 4000,
                  });
                  navigate(`/messages/${treatment.id}`);
                },
              })
            }
            data-autofocus
          >
            Create variant
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
