import { Button, Group, Paper, Text } from "@mantine/core";
import { IconLayoutGrid, IconTrash } from "@tabler/icons-react";
import { Link, useParams } from "react-router";
import { useSession } from "../../app/session-context";
import type { DraftStep } from "./editor-draft";

/**
 * A step's rich content: a link to the visual editor (its own lazily loaded page), and for a
 * step that has content, a way back to the plain fields. Simple messages never need it.
 */
export function RichContentRow({
  step,
  index,
  onChange,
}: {
  step: DraftStep;
  index: number;
  onChange: (s: DraftStep) => void;
}) {
  const { id = "" } = useParams();
  const { canWrite } = useSession();
  const blocks = step.content?.content.length ?? 0;
  const removeContent = () => {
    const { content: _content, ...plain } = step;
    onChange(plain);
  };
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c={blocks ? undefined : "dimmed"}>
          {blocks
            ? `Rich content: ${blocks} block${blocks === 1 ? "" : "s"}, shown in place of the body.`
            : "Headings, rich text, images, buttons, columns and video: use rich content."}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {canWrite && blocks > 0 && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              leftSection={<IconTrash size={14} />}
              onClick={removeContent}
            >
              Remove
            </Button>
          )}
          {(canWrite || blocks > 0) && (
            <Button
              component={Link}
              to={`/messages/${id}/steps/${index + 1}/content`}
              variant="light"
              size="xs"
              leftSection={<IconLayoutGrid size={14} />}
            >
              {blocks ? (canWrite ? "Edit rich content" : "View rich content") : "Rich content"}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
