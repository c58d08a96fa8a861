import { z } from "zod";
import { experimentSchema } from "./experiment.js";

/**
 * How the results page decides its verdict. One source for the server's decision
 * (packages/server/.../statistics/verdict.ts, srm.ts) and the dashboard's explanation of it.
 */
export const verdictThresholds = {
  /** Below this many exposures in any arm the answer is "keep running". */
  minExposuresPerArm: 100,
  /** "Chance to beat control" a treatment needs to win (the common 95% bar). */
  winnerProbBeat: 0.95,
  /** Every treatment at or below this chance to beat control means the control wins. */
  controlWinsProbBeat: 0.05,
  /** Largest expected loss, relative to the control's rate, accepted when shipping an arm. */
  maxExpectedLoss: 0.005,
  /** Exposures per arm before "no difference" may be declared. */
  minExposuresForNoDifference: 1000,
  /** Relative uplifts within ± this are too small to matter (region of practical equivalence). */
  rope: 0.05,
  /** Sample-ratio-mismatch alarm level. */
  srmPValue: 0.001,
} as const;

const interval = z.tuple([z.number(), z.number()]);

export const verdictSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("winner"), variantKey: z.string() }),
  z.object({ kind: z.literal("keep_running"), reason: z.string() }),
  z.object({ kind: z.literal("no_difference"), reason: z.string() }),
  z.object({ kind: z.literal("check_setup"), reason: z.string() }),
]);
export type Verdict = z.infer<typeof verdictSchema>;

export const armAnalysisSchema = z.object({
  key: z.string(),
  weight: z.number(),
  isControl: z.boolean(),
  exposures: z.number().int(),
  conversions: z.number().int(),
  /** conversions / exposures; 0 with no exposures. */
  conversionRate: z.number(),
  /** Beta(1 + conversions, 1 + non-conversions) with its mean and equal-tailed 95% interval. */
  posterior: z.object({ alpha: z.number(), beta: z.number(), mean: z.number(), ci95: interval }),
  /** P(this arm's rate > the control's); null for the control. */
  probBeatControl: z.number().nullable(),
  probBeatControlMethod: z.enum(["closed-form", "numerical"]).nullable(),
  /** P(this arm has the highest rate of all arms), Monte Carlo. */
  probBest: z.number(),
  /** Expected loss of choosing this arm, relative to the control's rate (0.005 = 0.5%). */
  expectedLoss: z.number(),
  /** 95% interval of the relative uplift over the control; null for the control. */
  upliftCi95: interval.nullable(),
  dismissals: z.number().int().nullable(),
  dismissRate: z.number().nullable(),
  guardrail: z
    .object({
      probIncrease: z.number(),
      meanIncrease: z.number(),
      maxIncrease: z.number(),
      breached: z.boolean(),
    })
    .nullable(),
  guardrailBreached: z.boolean(),
});
export type ArmAnalysis = z.infer<typeof armAnalysisSchema>;

export const experimentAnalysisSchema = z.object({
  controlKey: z.string(),
  arms: z.array(armAnalysisSchema),
  srm: z.object({
    chiSquare: z.number(),
    df: z.number().int(),
    pValue: z.number(),
    warning: z.boolean(),
  }),
  verdict: verdictSchema,
  /** How each number was computed, in words. */
  method: z.object({
    posterior: z.string(),
    probBeatControl: z.string(),
    monteCarlo: z.string(),
    srm: z.string(),
    verdict: z.string(),
    guardrail: z.string(),
  }),
});
export type ExperimentAnalysis = z.infer<typeof experimentAnalysisSchema>;

export const experimentResultsSchema = z
  .object({
    experiment: experimentSchema,
    arms: z.array(
      z.object({
        key: z.string(),
        /** The weight the test ran with (kept after "Apply winner"). */
        weight: z.number(),
        messageId: z.string(),
        exposures: z.number().int(),
        conversions: z.number().int(),
        dismissals: z.number().int(),
      }),
    ),
    analysis: experimentAnalysisSchema,
  })
  .meta({ id: "ExperimentResults" });
export type ExperimentResults = z.infer<typeof experimentResultsSchema>;
