import { Anchor, Grid, Group, Skeleton, Stack } from "@mantine/core";
import type { Experiment } from "@nudge/schema";
import { IconArrowLeft } from "@tabler/icons-react";
import { Link } from "react-router";
import { useExperimentResults } from "../../api/use-experiments";
import { useMessagesById } from "../../api/use-messages";
import { useSession } from "../../app/session-context";
import { formatDate } from "../../ui/format";
import { PageHeader } from "../../ui/page-header";
import { QueryError } from "../../ui/query-error";
import { ConflictModal } from "../editor/conflict-modal";
import { ApplyWinnerButton } from "./apply-winner-button";
import { ArmsCard } from "./arms-card";
import { ExperimentStatusBadge } from "./experiment-status-badge";
import { GoalCard } from "./goal-card";
import { ResultsCard } from "./results-card";
import { SrmAlert } from "./srm-alert";
import { useExperimentVersion } from "./use-experiment-version";
import { VerdictCard } from "./verdict-card";
import { WinnerSummary } from "./winner-summary";

/**
 * One loaded experiment: arms and weights, goal and guardrail, then the results (verdict, table,
 * posterior chart); "Apply winner" for owners and editors. Edits are version-checked.
 */
export function ExperimentView({ experiment }: { experiment: Experiment }) {
  const { product, canWrite } = useSession();
  const cas = useExperimentVersion(experiment);
  const results = useExperimentResults(product.id, experiment.id);
  const armQueries = useMessagesById(
    product.id,
    experiment.arms.map((a) => a.messageId),
  );
  const messages = new Map(experiment.arms.map((a, i) => [a.messageId, armQueries[i]?.data]));
  const analysis = results.data?.analysis;
  const exposed = analysis ? analysis.arms.reduce((sum, a) => sum + a.exposures, 0) : null;
  const control = messages.get(experiment.controlMessageId);
  const running = experiment.status === "running";
  const recommended = analysis?.verdict.kind === "winner" ? analysis.verdict.variantKey : null;

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/messages" size="sm" c="dimmed">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Messages
            </Group>
          </Anchor>
        }
        title={
          <Group gap="sm" wrap="nowrap">
            <span>{control ? `${control.name} · A/B test` : "A/B test"}</span>
            <ExperimentStatusBadge status={experiment.status} />
          </Group>
        }
        description={`${experiment.arms.length} arms, started ${formatDate(experiment.createdAt)}. Flag key ${experiment.flagKey}.`}
        actions={
          canWrite &&
          running && (
            <ApplyWinnerButton
              experiment={experiment}
              messages={messages}
              recommended={recommended}
              onApplied={cas.adopt}
            />
          )
        }
      />
      <Stack gap="lg">
        <WinnerSummary experiment={experiment} messages={messages} />
        {analysis && <SrmAlert analysis={analysis} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <ArmsCard
              key={cas.resetKey}
              experiment={experiment}
              messages={messages}
              exposed={exposed}
              cas={cas}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <GoalCard key={cas.resetKey} experiment={experiment} cas={cas} />
          </Grid.Col>
        </Grid>
        {results.isError ? (
          <QueryError error={results.error} onRetry={() => results.refetch()} />
        ) : !analysis ? (
          <Stack>
            <Skeleton h={160} />
            <Skeleton h={320} />
          </Stack>
        ) : (
          <>
            <VerdictCard analysis={analysis} withGuardrail={experiment.guardrail !== null} />
            <ResultsCard
              analysis={analysis}
              goal={experiment.goal}
              withDismissals={experiment.guardrail !== null}
            />
          </>
        )}
      </Stack>
      <ConflictModal
        subject="experiment"
        opened={cas.conflict}
        busy={cas.resolving}
        onReload={cas.reloadTheirs}
        onKeep={cas.keepMine}
      />
    </>
  );
}
