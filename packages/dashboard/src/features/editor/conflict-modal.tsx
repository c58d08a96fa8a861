import { Button, Group, Modal, Stack, Text } from "@mantine/core";

interface Props {
  opened: boolean;
  /** What was saved: "message" (the editor) or "experiment" (its weights, goal, guardrail). */
  subject?: string;
  busy: boolean;
  onReload: () => void;
  onKeep: () => void;
}

/**
 * A save answered 409: someone saved first. Nothing is discarded without a click: "Reload"
 * drops these edits for their version; "Keep my edits" keeps them and lets the next Save
 * overwrite theirs.
 */
export function ConflictModal({ opened, subject = "message", busy, onReload, onKeep }: Props) {
  return (
    <Modal
      opened={opened}
      onClose={onKeep}
      title={`Someone else saved this ${subject}`}
      closeOnClickOutside={false}
      size="md"
    >
      <Stack>
        <Text size="sm">
          While you were editing, a teammate saved a newer version. Your changes have <b>not</b>{" "}
          been saved yet, and nothing has been lost.
        </Text>
        <Text size="sm" c="dimmed">
          Reload to see their version (your edits here are discarded), or keep your edits and save
          again to replace their version.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" color="red" onClick={onReload} loading={busy}>
            Reload their version
          </Button>
          <Button onClick={onKeep} loading={busy} data-autofocus>
            Keep my edits
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
