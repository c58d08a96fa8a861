import { verdictThresholds } from "@nudge/schema";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";

/** Warn below this p-value: the usual SRM alarm level, strict because the check runs constantly. */
export const SRM_P_THRESHOLD = verdictThresholds.srmPValue;

export interface SrmResult {
  chiSquare: number;
  /** Degrees of freedom: arms with weight > 0, minus one. */
  df: number;
  pValue: number;
  warning: boolean;
}

/**
 * Sample-ratio mismatch: Pearson chi-square goodness of fit of the observed exposures against
 * the split the weights promise. Only arms with a positive, finite weight take part (as in
 * assignArm, others get no users). With fewer than two such arms or no exposures there is
 * nothing to test: chi-square 0, p 1. p = 1 - CDF, so it bottoms out at 0 for chi-square above
 * ~75 (p < 1e-16) — far past the threshold either way.
 */
export function srmCheck(arms: readonly { weight: number; exposures: number }[]): SrmResult {
  const used = arms.filter((arm) => Number.isFinite(arm.weight) && arm.weight > 0);
  const df = Math.max(0, used.length - 1);
  const totalWeight = used.reduce((sum, arm) => sum + arm.weight, 0);
  const total = used.reduce((sum, arm) => sum + arm.exposures, 0);
  if (df === 0 || total <= 0 || !Number.isFinite(totalWeight)) {
    return { chiSquare: 0, df, pValue: 1, warning: false };
  }
  let chiSquare = 0;
  for (const arm of used) {
    const expected = (total * arm.weight) / totalWeight;
    chiSquare += (arm.exposures - expected) ** 2 / expected;
  }
  const pValue = Math.min(1, Math.max(0, 1 - chisquareCdf(chiSquare, df)));
  return { chiSquare, df, pValue, warning: pValue < SRM_P_THRESHOLD };
}
