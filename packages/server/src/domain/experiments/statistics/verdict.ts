// The numbers live in @nudge/schema, so the dashboard explains exactly what decides here.
import { verdictThresholds } from "@nudge/schema";

/**
 * Decision thresholds. A results page must say "ship it", "keep going", "it makes no difference"
 * or "your data is broken" — and the rules below are exactly how it decides, in this order:
 *
 * 1. check_setup — a structural problem (no control, duplicate arm keys, inconsistent counts) or
 *    a sample-ratio mismatch (SRM p < 0.001): assignment or tracking is broken, so no
 *    comparison can be trusted, however convincing.
 * 2. keep_running — some arm has fewer than MIN_EXPOSURES_PER_ARM exposures.
 * 3. winner (a treatment) — P(beat control) >= WINNER_PROB_BEAT, expected loss
 *    <= MAX_EXPECTED_LOSS and no guardrail breach. Among several, the smallest expected loss.
 * 4. winner (the control) — every treatment has P(beat control) <= CONTROL_WINS_PROB_BEAT (or
 *    breaches the guardrail) and the control's expected loss <= MAX_EXPECTED_LOSS.
 * 5. no_difference — every arm has >= MIN_EXPOSURES_FOR_NO_DIFFERENCE exposures and every
 *    treatment's 95% uplift interval lies inside ±ROPE: whatever the truth, it is too small to
 *    matter, so waiting longer is pointless.
 * 6. keep_running — otherwise.
 */

/** Below this, posteriors are still mostly prior and one lucky day can swing them. */
export const MIN_EXPOSURES_PER_ARM = verdictThresholds.minExposuresPerArm;
/** "Chance to beat control" needed to call a treatment the winner (the common 95% bar). */
export const WINNER_PROB_BEAT = verdictThresholds.winnerProbBeat;
/** Mirror of WINNER_PROB_BEAT: every treatment this unlikely to beat control means control wins. */
export const CONTROL_WINS_PROB_BEAT = verdictThresholds.controlWinsProbBeat;
/**
 * Most expected loss we accept when shipping an arm: 0.5% of the control's conversion rate
 * (relative, see monte-carlo.ts). P(beat) alone cannot tell "surely a bit better" from "probably
 * better but possibly much worse"; the loss bounds the downside of being wrong.
 */
export const MAX_EXPECTED_LOSS = verdictThresholds.maxExpectedLoss;
/** Exposures per arm before we are willing to declare "no difference". */
export const MIN_EXPOSURES_FOR_NO_DIFFERENCE = verdictThresholds.minExposuresForNoDifference;
/**
 * Region of practical equivalence: relative uplifts within ±5% are not worth a change. When the
 * whole 95% uplift interval is inside it, the arms are equivalent for practical purposes.
 */
export const ROPE = verdictThresholds.rope;

export type Verdict =
  | { kind: "winner"; variantKey: string }
  | { kind: "keep_running"; reason: string }
  | { kind: "no_difference"; reason: string }
  | { kind: "check_setup"; reason: string };

export interface VerdictArm {
  key: string;
  isControl: boolean;
  exposures: number;
  /** null for the control. */
  probBeatControl: number | null;
  expectedLoss: number;
  /** null for the control. */
  upliftCi95: [number, number] | null;
  guardrailBreached: boolean;
}

export interface VerdictInput {
  arms: readonly VerdictArm[];
  srm: { warning: boolean; chiSquare: number; pValue: number };
  /** Structural problems found while reading the input, each a sentence. */
  problems: readonly string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function decideVerdict({ arms, srm, problems }: VerdictInput): Verdict {
  const first = problems[0];
  if (first !== undefined) return { kind: "check_setup", reason: first };
  if (srm.warning) {
    return {
      kind: "check_setup",
      reason: `Sample ratio mismatch: exposures do not match the arm weights (chi-square ${srm.chiSquare.toFixed(2)}, p = ${srm.pValue.toExponential(2)} < 0.001). Check assignment and tracking before trusting any result.`,
    };
  }
  const control = arms.find((arm) => arm.isControl);
  const treatments = arms.filter((arm) => !arm.isControl);
  if (!control || treatments.length === 0) {
    return {
      kind: "check_setup",
      reason: "An experiment needs a control and at least one treatment.",
    };
  }
  const thin = arms.filter((arm) => arm.exposures < MIN_EXPOSURES_PER_ARM);
  if (thin.length > 0) {
    return {
      kind: "keep_running",
      reason: `Every arm needs at least ${MIN_EXPOSURES_PER_ARM} exposures (${thin.map((a) => `${a.key}: ${a.exposures}`).join(", ")}).`,
    };
  }

  const leaders = treatments.filter(
    (arm) =>
      (arm.probBeatControl ?? 0) >= WINNER_PROB_BEAT && arm.expectedLoss <= MAX_EXPECTED_LOSS,
  );
  const winner = leaders
    .filter((arm) => !arm.guardrailBreached)
    .sort((a, b) => a.expectedLoss - b.expectedLoss)[0];
  if (winner) return { kind: "winner", variantKey: winner.key };

  const controlWins = treatments.every(
    (arm) => arm.guardrailBreached || (arm.probBeatControl ?? 1) <= CONTROL_WINS_PROB_BEAT,
  );
  if (controlWins && control.expectedLoss <= MAX_EXPECTED_LOSS) {
    return { kind: "winner", variantKey: control.key };
  }

  const breached = leaders.filter((arm) => arm.guardrailBreached);
  if (breached.length > 0) {
    return {
      kind: "keep_running",
      reason: `${breached.map((a) => a.key).join(", ")} converts better but breaches the dismiss-rate guardrail, so it cannot be declared the winner.`,
    };
  }

  const enough = arms.every((arm) => arm.exposures >= MIN_EXPOSURES_FOR_NO_DIFFERENCE);
  const equivalent = treatments.every(
    (arm) => arm.upliftCi95 !== null && arm.upliftCi95[0] >= -ROPE && arm.upliftCi95[1] <= ROPE,
  );
  if (enough && equivalent) {
    return {
      kind: "no_difference",
      reason: `Every treatment's 95% uplift interval lies within ±${pct(ROPE)} of the control: any real difference is too small to matter.`,
    };
  }

  const best = treatments.reduce((a, b) =>
    (b.probBeatControl ?? 0) > (a.probBeatControl ?? 0) ? b : a,
  );
  return {
    kind: "keep_running",
    reason: `Not conclusive yet: the best treatment (${best.key}) has a ${pct(best.probBeatControl ?? 0)} chance to beat control; a winner needs ${pct(WINNER_PROB_BEAT)} and an expected loss at most ${pct(MAX_EXPECTED_LOSS)}.`,
  };
}
