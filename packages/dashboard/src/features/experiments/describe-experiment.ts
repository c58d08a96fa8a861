import type { ExperimentGoal, Guardrail } from "@nudge/schema";
import { formatPercent } from "../../ui/format";

/** "A click on the call to action", for the goal card and the results' caption. */
export function describeGoal(goal: ExperimentGoal): string {
  switch (goal.type) {
    case "cta_click":
      return "Clicked the call-to-action button";
    case "complete":
      return "Completed the flow (Done on the last step)";
    case "event":
      return `Sent the event “${goal.event}” within ${goal.withinHours} h of first seeing it`;
  }
}

export function describeGuardrail(guardrail: Guardrail | null): string {
  if (!guardrail) return "None: dismissals do not stop a winner";
  return `A treatment cannot win if it raises the dismiss rate by more than ${points(guardrail.maxDismissRateIncrease)}`;
}

/** 0.02 → "2 percentage points". */
export const points = (share: number) => {
  const n = Math.round(share * 1000) / 10;
  return `${n} percentage point${n === 1 ? "" : "s"}`;
};

const signedPercent = new Intl.NumberFormat(undefined, {
  style: "percent",
  maximumFractionDigits: 1,
  signDisplay: "exceptZero",
});

/** [0.021, 0.084] → "2.1% – 8.4%". */
export const formatInterval = ([lo, hi]: readonly [number, number]) =>
  `${formatPercent(lo)} – ${formatPercent(hi)}`;

/** A relative uplift interval: [-0.12, 0.3] → "−12% to +30%". */
export const formatUplift = ([lo, hi]: readonly [number, number]) =>
  `${signedPercent.format(lo)} to ${signedPercent.format(hi)}`;

/** Weights are relative: an arm's share of users is its weight over the sum of all weights. */
export function shareOf(weight: number, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + Math.max(w, 0), 0);
  return total > 0 && weight > 0 ? weight / total : 0;
}
