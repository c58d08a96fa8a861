import { Button, Group } from "@mantine/core";
import type { Step } from "@nudge/schema";
import { createElement } from "react";

const simple = /^([a-z][a-z0-9-]*)?(#[A-Za-z_][\w-]*)?((?:\.[A-Za-z_][\w-]*)*)$/;
const reserved = new Set(["html", "head", "body", "script", "style"]);

/** `button#upgrade.primary` → the parts to build a stand-in element, or null when too complex. */
export function parseSimpleSelector(selector: string) {
  const m = simple.exec(selector.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const tag = m[1] ?? "button";
  if (reserved.has(tag)) return null;
  return {
    tag,
    id: m[2]?.slice(1),
    className: m[3] ? m[3].split(".").filter(Boolean).join(" ") : undefined,
  };
}

/**
 * Tooltips anchor to an element of the customer's page. On the neutral preview page we draw a
 * stand-in for each simple selector (`#id`, `.class`, `tag#id.class`) so the tooltip has a target.
 */
export function TargetPlaceholders({ steps }: { steps: readonly Step[] }) {
  const selectors = [
    ...new Set(
      steps.filter((s) => s.type === "tooltip" && s.selector).map((s) => s.selector!.trim()),
    ),
  ];
  const parts = selectors
    .map((s) => ({ selector: s, parsed: parseSimpleSelector(s) }))
    .filter((p) => p.parsed);
  if (parts.length === 0) return null;
  return (
    <Group
      gap="sm"
      p="md"
      pos="absolute"
      top="38%"
      left={24}
      style={{ zIndex: 0 }}
      data-testid="tooltip-targets"
    >
      {parts.map(({ selector, parsed }) =>
        parsed && parsed.tag === "button" ? (
          <Button
            key={selector}
            id={parsed.id}
            className={parsed.className}
            variant="default"
            size="xs"
            tabIndex={-1}
          >
            {selector}
          </Button>
        ) : parsed ? (
          createElement(
            parsed.tag,
            {
              key: selector,
              id: parsed.id,
              className: parsed.className,
              style: {
                padding: "4px 10px",
                border: "1px dashed var(--mantine-color-gray-5)",
                borderRadius: 6,
                fontSize: 12,
              },
            },
            selector,
          )
        ) : null,
      )}
    </Group>
  );
}
