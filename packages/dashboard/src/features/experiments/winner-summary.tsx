import { Alert, Text } from "@mantine/core";
import type { Experiment, Message } from "@nudge/schema";
import { IconTrophy } from "@tabler/icons-react";
import { formatDateTime } from "../../ui/format";
import { useActorName } from "./use-actor-name";

/** After "Apply winner": which arm won, when and by whom; the rest are paused, not deleted. */
export function WinnerSummary({
  experiment,
  messages,
}: {
  experiment: Experiment;
  messages: Map<string, Message | undefined>;
}) {
  const by = useActorName(experiment.appliedBy);
  const winner = experiment.arms.find((a) => a.key === experiment.winnerKey);
  if (experiment.status !== "applied" || !winner) return null;
  const name = messages.get(winner.messageId)?.name;
  return (
    <Alert
      color="green"
      icon={<IconTrophy />}
      title={`Winner applied: “${winner.key}”${name ? ` (${name})` : ""}`}
      data-testid="winner-summary"
    >
      <Text size="sm">
        {experiment.appliedAt ? `Applied ${formatDateTime(experiment.appliedAt)}` : "Applied"}
        {by ? ` by ${by}` : ""}. Every user now gets this arm; the other arms are paused and kept
        here with their results.
      </Text>
    </Alert>
  );
}
