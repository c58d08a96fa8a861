import { ActionIcon, Group, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import type { RichText } from "@nudge/schema";
import { IconBold, IconItalic, IconLink, IconList, IconListNumbers } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { markupToRichText, richTextToMarkup } from "./rich-text-markup";

interface Props {
  id: string;
  label: string;
  value: RichText | string | undefined;
  onChange: (value: RichText) => void;
  readOnly?: boolean;
  /** In a grid cell: no toolbar or hint, the markup only. */
  compact?: boolean;
  error?: string | undefined;
  placeholder?: string;
}

/**
 * The Text block's editor: markup typed in a textarea (see rich-text-markup.ts), stored as
 * structured runs. The typed text is kept as typed, so half-written markers do not get escaped
 * under the author's cursor; it is re-read from the value only when that changes elsewhere
 * (undo, a translation import).
 */
export function RichTextField({
  id,
  label,
  value,
  onChange,
  readOnly,
  compact = false,
  error,
  placeholder,
}: Props) {
  const [markup, setMarkup] = useState(() => richTextToMarkup(value ?? []));
  const lastSent = useRef<unknown>(value);
  if (value !== lastSent.current) {
    lastSent.current = value;
    const fromValue = richTextToMarkup(value ?? []);
    if (JSON.stringify(markupToRichText(markup)) !== JSON.stringify(value)) setMarkup(fromValue);
  }
  const area = useRef<HTMLTextAreaElement>(null);
  const update = (next: string) => {
    setMarkup(next);
    const parsed = markupToRichText(next);
    lastSent.current = parsed;
    onChange(parsed);
  };
  /** Wraps the selection in `before`…`after` (or prefixes its lines), keeping it selected. */
  const wrap = (before: string, after: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? markup.length;
    const end = el?.selectionEnd ?? markup.length;
    const picked = markup.slice(start, end) || "text";
    update(markup.slice(0, start) + before + picked + after + markup.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + before.length, start + before.length + picked.length);
    });
  };
  const prefixLines = (marker: (i: number) => string) => {
    const el = area.current;
    const start = markup.lastIndexOf("\n", (el?.selectionStart ?? 0) - 1) + 1;
    const endAt = markup.indexOf("\n", el?.selectionEnd ?? markup.length);
    const end = endAt === -1 ? markup.length : endAt;
    const lines = markup
      .slice(start, end)
      .split("\n")
      .map((l, i) => `${marker(i)}${l}`);
    update(markup.slice(0, start) + lines.join("\n") + markup.slice(end));
  };
  const tools = [
    { label: "Bold", icon: IconBold, run: () => wrap("**", "**") },
    { label: "Italic", icon: IconItalic, run: () => wrap("*", "*") },
    { label: "Link", icon: IconLink, run: () => wrap("[", "](https://)") },
    { label: "Bulleted list", icon: IconList, run: () => prefixLines(() => "- ") },
    { label: "Numbered list", icon: IconListNumbers, run: () => prefixLines((i) => `${i + 1}. `) },
  ];
  return (
    <Stack gap={4}>
      {!readOnly && !compact && (
        <Group gap={4} role="toolbar" aria-label={`${label} formatting`}>
          {tools.map(({ label: name, icon: Icon, run }) => (
            <Tooltip key={name} label={name}>
              <ActionIcon variant="default" size="sm" aria-label={name} onClick={run}>
                <Icon size={14} />
              </ActionIcon>
            </Tooltip>
          ))}
        </Group>
      )}
      <Textarea
        id={id}
        ref={area}
        aria-label={label}
        value={markup}
        readOnly={readOnly}
        autosize
        minRows={compact ? 1 : 3}
        error={error}
        placeholder={placeholder}
        maxRows={12}
        onChange={(e) => update(e.currentTarget.value)}
      />
      <Text size="xs" c="dimmed" hidden={compact}>
        **bold**, *italic*, [link](https://…), lines starting with “- ” or “1. ” make lists.
      </Text>
    </Stack>
  );
}
