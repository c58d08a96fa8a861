import { EmptyState, Text } from "@mantine/core";
import type { ExperimentAnalysis, ExperimentGoal } from "@nudge/schema";
import { IconChartAreaLine } from "@tabler/icons-react";
import { SectionCard } from "../../ui/section-card";
import { describeGoal } from "./describe-experiment";
import { PosteriorChart } from "./posterior-chart";
import { ResultsTable } from "./results-table";

/** The per-arm table, then each arm's posterior as a chart. */
export function ResultsCard({
  analysis,
  goal,
  withDismissals,
}: {
  analysis: ExperimentAnalysis;
  goal: ExperimentGoal;
  withDismissals: boolean;
}) {
  const exposed = analysis.arms.some((a) => a.exposures > 0);
  return (
    <>
      <SectionCard id="results" title="Results" description={`Conversion: ${describeGoal(goal)}.`}>
        <ResultsTable analysis={analysis} withDismissals={withDismissals} />
        <Text size="xs" c="dimmed">
          Exposures are users who saw the arm at least once; conversions are those of them who
          converted. The credible interval holds the arm’s true conversion rate with 95% probability
          (Beta(1, 1) prior). Uplift is relative to the control. Expected loss is what choosing the
          arm would cost if it is in fact worse, as a share of the control’s rate.
        </Text>
      </SectionCard>
      <SectionCard
        id="posterior"
        title="Where each arm’s conversion rate probably lies"
        description="Taller means more likely; a narrow curve is a sure estimate; overlapping curves mean the arms may not differ."
      >
        {exposed ? (
          <PosteriorChart arms={analysis.arms} />
        ) : (
          <EmptyState
            py="xl"
            size="sm"
            icon={<IconChartAreaLine size={22} />}
            withIndicatorBackground
            title="No exposures yet"
            description="Set every arm Active and turn on auto-render in Settings; the curves appear as users see the test."
          />
        )}
      </SectionCard>
    </>
  );
}
