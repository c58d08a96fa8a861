/**
 * The thresholds the server's verdict uses, for explaining it in words. They mirror
 * packages/server/src/domain/experiments/statistics/verdict.ts and srm.ts: change both together.
 */
export const verdictThresholds = {
  /** Below this many exposures in any arm the answer is "keep running". */
  minExposuresPerArm: 100,
  /** Chance to beat control a treatment needs to win. */
  winnerProbBeat: 0.95,
  /** Every treatment at or below this chance to beat control means the control wins. */
  controlWinsProbBeat: 0.05,
  /** Largest expected loss, relative to the control's rate, accepted when shipping an arm. */
  maxExpectedLoss: 0.005,
  /** Exposures per arm before "no difference" may be declared. */
  minExposuresForNoDifference: 1000,
  /** Uplifts within ± this (relative) are too small to matter. */
  rope: 0.05,
  /** Sample-ratio-mismatch alarm level. */
  srmPValue: 0.001,
} as const;
