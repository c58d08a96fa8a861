import { Badge } from "@mantine/core";
import type { Experiment } from "@nudge/schema";

/** Running (users are split between arms) or Winner applied (one arm gets everyone). */
export function ExperimentStatusBadge({ status }: { status: Experiment["status"] }) {
  return (
    <Badge
      variant="light"
      radius="sm"
      size="sm"
      tt="none"
      fw={600}
      color={status === "running" ? "blue" : "green"}
      data-status={status}
    >
      {status === "running" ? "Running" : "Winner applied"}
    </Badge>
  );
}
