import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import type { CreatedKey } from "../../api/use-keys";

/** The only time a key is shown in full. */
export function KeyCreatedModal({
  created,
  onClose,
}: {
  created: CreatedKey | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title="Copy your new key"
      closeOnClickOutside={false}
      size="lg"
    >
      {created && (
        <Stack>
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle />}>
            This is the only time the whole key is shown. Copy it now and keep it somewhere safe.
          </Alert>
          <Text size="sm">
            <b>{created.name}</b> · {created.type}
          </Text>
          <Code block data-testid="created-key" style={{ wordBreak: "break-all", fontSize: 14 }}>
            {created.key}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? "teal" : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? "Copied" : "Copy key"}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>I have saved it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
