import { Box, Group, Paper, SegmentedControl, Text } from "@mantine/core";
import type { MessageReplace } from "@nudge/schema";
import { PreviewFrame } from "../preview/preview-frame";
import { parseSimpleSelector } from "../preview/target-placeholders";
import { toPreviewMessage } from "../preview/to-preview-message";

interface Props {
  messageId: string;
  payload: MessageReplace;
  step: number;
  onStep: (i: number) => void;
}

/** The editor's live preview: the selected step onwards, re-rendered as the form changes. */
export function LivePreviewPanel({ messageId, payload, step, onStep }: Props) {
  const from = Math.min(step, payload.steps.length - 1);
  const message = toPreviewMessage(messageId, { ...payload, steps: payload.steps.slice(from) });
  const current = payload.steps[from];
  const anchorHint =
    current?.type !== "tooltip"
      ? null
      : !current.selector
        ? "Add an anchor selector to see this tooltip."
        : parseSimpleSelector(current.selector)
          ? null
          : "This selector is too complex for a stand-in element; the tooltip shows on your site.";
  return (
    <Paper
      p={0}
      style={{ overflow: "hidden" }}
      aria-labelledby="live-preview-title"
      component="section"
    >
      <Group
        justify="space-between"
        px="md"
        py="xs"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text fw={600} size="sm" id="live-preview-title">
          Live preview
        </Text>
        {payload.steps.length > 1 && (
          <SegmentedControl
            size="xs"
            aria-label="Step shown in the preview"
            value={String(from)}
            onChange={(v) => onStep(Number(v))}
            data={payload.steps.map((_, i) => ({ value: String(i), label: `${i + 1}` }))}
          />
        )}
      </Group>
      <Box
        px="md"
        py={6}
        bg="var(--mantine-color-default-hover)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text size="xs" c="dimmed" ff="monospace" truncate>
          yourapp.example/ · nothing is recorded
        </Text>
      </Box>
      {anchorHint && (
        <Text size="xs" px="md" py={6} c="dimmed" role="note">
          {anchorHint}
        </Text>
      )}
      <PreviewFrame message={message} title="Live preview of this message" height={480} passive />
    </Paper>
  );
}
