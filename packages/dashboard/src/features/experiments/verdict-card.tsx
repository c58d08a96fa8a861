import { Alert, List, Text } from "@mantine/core";
import type { ExperimentAnalysis } from "@nudge/schema";
import { verdictThresholds as t } from "@nudge/schema";
import { IconAlertTriangle, IconEqual, IconHourglassHigh, IconTrophy } from "@tabler/icons-react";
import { formatNumber, formatPercent } from "../../ui/format";
import { SectionCard } from "../../ui/section-card";

function headline(analysis: ExperimentAnalysis) {
  const { verdict } = analysis;
  switch (verdict.kind) {
    case "winner": {
      const arm = analysis.arms.find((a) => a.key === verdict.variantKey);
      if (!arm || arm.isControl) {
        return {
          color: "green",
          icon: <IconTrophy />,
          title: "The control wins",
          body: `No treatment beats the original: each has at most a ${formatPercent(t.controlWinsProbBeat)} chance to, and keeping the control risks at most ${formatPercent(t.maxExpectedLoss)} of its conversion rate.`,
        };
      }
      return {
        color: "green",
        icon: <IconTrophy />,
        title: `“${arm.key}” wins`,
        body: `It has a ${formatPercent(arm.probBeatControl ?? 0)} chance to beat the control (a winner needs ${formatPercent(t.winnerProbBeat)}) and an expected loss of ${formatPercent(arm.expectedLoss)} of the control’s rate (at most ${formatPercent(t.maxExpectedLoss)}).`,
      };
    }
    case "keep_running":
      return {
        color: "blue",
        icon: <IconHourglassHigh />,
        title: "Keep running",
        body: verdict.reason,
      };
    case "no_difference":
      return {
        color: "gray",
        icon: <IconEqual />,
        title: "No meaningful difference",
        body: verdict.reason,
      };
    case "check_setup":
      return {
        color: "orange",
        icon: <IconAlertTriangle />,
        title: "Check the setup",
        body: verdict.reason,
      };
  }
}

/** The server's verdict in a sentence, and the rules it follows, so the call is never a mystery. */
export function VerdictCard({
  analysis,
  withGuardrail,
}: {
  analysis: ExperimentAnalysis;
  withGuardrail: boolean;
}) {
  const h = headline(analysis);
  return (
    <SectionCard id="verdict" title="Verdict">
      <Alert
        color={h.color}
        icon={h.icon}
        title={h.title}
        data-testid="verdict"
        data-verdict={analysis.verdict.kind}
      >
        {h.body}
      </Alert>
      <div>
        <Text size="sm" fw={500} mb={4}>
          How the verdict is decided
        </Text>
        <List size="sm" spacing={4} c="dimmed">
          <List.Item>
            Until every arm has {formatNumber(t.minExposuresPerArm)} exposures: keep running. Early
            numbers swing too much to call.
          </List.Item>
          <List.Item>
            A treatment wins when its chance to beat the control is at least{" "}
            {formatPercent(t.winnerProbBeat)} and its expected loss is at most{" "}
            {formatPercent(t.maxExpectedLoss)} of the control’s conversion rate
            {withGuardrail ? ", and it stays within the dismiss-rate guardrail" : ""}.
          </List.Item>
          <List.Item>
            The control wins when every treatment’s chance to beat it is{" "}
            {formatPercent(t.controlWinsProbBeat)} or less, under the same limit on expected loss.
          </List.Item>
          <List.Item>
            “No difference” needs {formatNumber(t.minExposuresForNoDifference)} exposures per arm
            and every treatment’s 95% uplift interval within ±{formatPercent(t.rope)} of the
            control: any real difference is too small to matter.
          </List.Item>
          <List.Item>
            A sample ratio mismatch (p &lt; {t.srmPValue}) or inconsistent counts: check the setup
            before trusting any number.
          </List.Item>
        </List>
      </div>
    </SectionCard>
  );
}
