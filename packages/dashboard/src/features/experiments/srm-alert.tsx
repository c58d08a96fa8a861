import { Alert, Text } from "@mantine/core";
import type { ExperimentAnalysis } from "@nudge/schema";
import { verdictThresholds } from "@nudge/schema";
import { IconAlertTriangle } from "@tabler/icons-react";
import { formatNumber, formatPercent } from "../../ui/format";
import { shareOf } from "./describe-experiment";

/**
 * Sample ratio mismatch: the arms' exposures do not match their weights, more than chance
 * allows. Assignment or tracking is broken, so no comparison can be trusted until it is fixed.
 */
export function SrmAlert({ analysis }: { analysis: ExperimentAnalysis }) {
  const { srm, arms } = analysis;
  if (!srm.warning) return null;
  const weights = arms.map((a) => a.weight);
  const total = arms.reduce((sum, a) => sum + a.exposures, 0);
  const split = (values: string[]) => values.join(" / ");
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title="Sample ratio mismatch: do not trust these results yet"
      data-testid="srm-warning"
    >
      <Text size="sm">
        The weights promise a {split(arms.map((a) => formatPercent(shareOf(a.weight, weights))))}{" "}
        split ({split(arms.map((a) => a.key))}), but the {formatNumber(total)} exposed users split{" "}
        {split(arms.map((a) => formatPercent(total > 0 ? a.exposures / total : 0)))}. A gap this
        large happens by chance less than {formatPercent(verdictThresholds.srmPValue)} of the time
        (chi-square {srm.chiSquare.toFixed(2)}, p = {srm.pValue.toExponential(2)}).
      </Text>
      <Text size="sm" mt="xs">
        Usual causes: one arm fails to render or to report its impression, an arm was paused or
        edited mid-test, or a cache or redirect treats the arms differently.
      </Text>
    </Alert>
  );
}
