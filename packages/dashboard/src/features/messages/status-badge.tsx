import { Badge } from "@mantine/core";
import type { MessageStatus } from "@nudge/schema";

const labels: Record<MessageStatus, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
};

/** Draft grey, Active green, Paused yellow; colours from global.css, AA contrast in both schemes. */
export function StatusBadge({ status }: { status: MessageStatus }) {
  return (
    <Badge
      variant="light"
      radius="sm"
      size="sm"
      tt="none"
      fw={600}
      data-status={status}
      vars={() => ({
        root: {
          "--badge-bg": `var(--nudge-status-${status}-bg)`,
          "--badge-color": `var(--nudge-status-${status}-fg)`,
        },
      })}
    >
      {labels[status]}
    </Badge>
  );
}
