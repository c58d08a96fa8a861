import { type BetaPosterior, betaPosterior } from "./beta-posterior.js";
import { type DismissGuardrail, dismissGuardrail } from "./dismiss-guardrail.js";
import { type MonteCarloOptions, monteCarlo } from "./monte-carlo.js";
import { CLOSED_FORM_MAX_TERMS, type ProbBeatMethod, probBeat } from "./prob-beat.js";
import { type SrmResult, srmCheck } from "./srm.js";
import { decideVerdict, type Verdict } from "./verdict.js";

export interface ArmInput {
  key: string;
  /** Relative weight, as in assignArm. */
  weight: number;
  /** Distinct users with an impression. */
  exposures: number;
  /** Exposed users who reached the goal. */
  conversions: number;
  /** Exposed users who dismissed; needed by the guardrail. */
  dismissals?: number;
}

export interface ExperimentInput {
  arms: readonly ArmInput[];
  controlKey: string;
  /** Optional: the largest tolerated absolute increase in dismiss rate (0.02 = 2 points). */
  guardrail?: { maxDismissRateIncrease: number };
}

export interface ArmAnalysis {
  key: string;
  weight: number;
  isControl: boolean;
  exposures: number;
  conversions: number;
  /** conversions / exposures; 0 with no exposures. */
  conversionRate: number;
  posterior: BetaPosterior;
  /** Exact P(p_arm > p_control) (see prob-beat.ts); null for the control itself. */
  probBeatControl: number | null;
  probBeatControlMethod: ProbBeatMethod | null;
  /** Monte Carlo P(this arm has the highest rate of all arms). */
  probBest: number;
  /** Monte Carlo relative expected loss (see monte-carlo.ts). */
  expectedLoss: number;
  /** Monte Carlo 95% interval of (p_arm - p_control) / p_control; null for the control. */
  upliftCi95: [number, number] | null;
  dismissals: number | null;
  /** dismissals / exposures; 0 with no exposures; null when dismissals were not given. */
  dismissRate: number | null;
  /** Null for the control, without a configured guardrail, or without dismissal counts. */
  guardrail: DismissGuardrail | null;
  guardrailBreached: boolean;
}

export interface ExperimentAnalysis {
  controlKey: string;
  arms: ArmAnalysis[];
  srm: SrmResult;
  verdict: Verdict;
  /** How each number was computed, for the results page and API consumers. */
  method: {
    posterior: string;
    probBeatControl: string;
    monteCarlo: string;
    srm: string;
    verdict: string;
    guardrail: string;
  };
}

/** Counts must be non-negative integers; anything else reads as 0 (and is reported). */
const toCount = (x: unknown): number =>
  typeof x === "number" && Number.isFinite(x) && x > 0 ? Math.floor(x) : 0;

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * The Bayesian read-out of an A/B test. Pure and deterministic: the same input always gives the
 * same output (the Monte Carlo is seeded). Never throws on odd counts: zero exposures give the
 * prior's answers (rates 0, P(beat) 0.5); inconsistent input yields a "check_setup" verdict.
 */
export function analyzeExperiment(
  input: ExperimentInput,
  options: MonteCarloOptions = {},
): ExperimentAnalysis {
  const problems: string[] = [];
  const arms = input.arms.map((arm) => {
    const exposures = toCount(arm.exposures);
    const conversions = Math.min(toCount(arm.conversions), exposures);
    const dismissals =
      arm.dismissals === undefined ? null : Math.min(toCount(arm.dismissals), exposures);
    if (exposures !== arm.exposures || conversions !== arm.conversions) {
      problems.push(
        `Arm "${arm.key}" has invalid counts (${arm.exposures} exposures, ${arm.conversions} conversions).`,
      );
    } else if (dismissals !== null && dismissals !== arm.dismissals) {
      problems.push(`Arm "${arm.key}" has an invalid dismissal count (${arm.dismissals}).`);
    }
    // A weight that is not a positive number gets no users (assignArm), so it reads as 0.
    const weight = Number.isFinite(arm.weight) && arm.weight > 0 ? arm.weight : 0;
    return { key: arm.key, weight, exposures, conversions, dismissals };
  });
  const keys = arms.map((arm) => arm.key);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) problems.push(`Two arms share the key "${duplicate}".`);
  const controlIndex = keys.indexOf(input.controlKey);
  if (arms.length === 0) problems.push("The experiment has no arms.");
  else if (controlIndex < 0) problems.push(`No arm has the control key "${input.controlKey}".`);

  const posteriors = arms.map((arm) => betaPosterior(arm.exposures, arm.conversions));
  const control = arms[controlIndex];
  const controlPosterior = posteriors[controlIndex];
  const mc = monteCarlo(posteriors, controlIndex, options);
  const maxIncrease = input.guardrail?.maxDismissRateIncrease;

  const analyzed = arms.map((arm, i): ArmAnalysis => {
    const posterior = posteriors[i]!; // same length as arms
    const isControl = i === controlIndex;
    const beat = controlPosterior && !isControl ? probBeat(posterior, controlPosterior) : null;
    const guardrail =
      maxIncrease !== undefined &&
      !isControl &&
      arm.dismissals !== null &&
      control?.dismissals != null
        ? dismissGuardrail(
            { exposures: arm.exposures, dismissals: arm.dismissals },
            { exposures: control.exposures, dismissals: control.dismissals },
            maxIncrease,
          )
        : null;
    return {
      key: arm.key,
      weight: arm.weight,
      isControl,
      exposures: arm.exposures,
      conversions: arm.conversions,
      conversionRate: rate(arm.conversions, arm.exposures),
      posterior,
      probBeatControl: beat?.value ?? null,
      probBeatControlMethod: beat?.method ?? null,
      probBest: mc.probBest[i] ?? 0,
      expectedLoss: mc.expectedLoss[i] ?? 0,
      upliftCi95: mc.upliftCi95[i] ?? null,
      dismissals: arm.dismissals,
      dismissRate: arm.dismissals === null ? null : rate(arm.dismissals, arm.exposures),
      guardrail,
      guardrailBreached: guardrail?.breached ?? false,
    };
  });

  const srm = srmCheck(arms);
  return {
    controlKey: input.controlKey,
    arms: analyzed,
    srm,
    verdict: decideVerdict({ arms: analyzed, srm, problems }),
    method: {
      posterior:
        "Beta(1, 1) prior; posterior Beta(1 + conversions, 1 + exposures - conversions); equal-tailed 95% credible interval from the exact Beta quantile.",
      probBeatControl: `Exact: Evan Miller's closed-form sum over the smallest shape parameter (up to ${CLOSED_FORM_MAX_TERMS} terms); beyond that, 16-point Gauss-Legendre quadrature of pdf x cdf over mean ± 20 sd of the narrower posterior (64 panels). probBeatControlMethod says which per arm.`,
      monteCarlo: `Seeded Monte Carlo, ${mc.draws} draws per arm (seed ${mc.seed}, arm i uses seed + i): probBest = P(arm has the highest rate); expectedLoss = E[max over arms - p_arm] / E[p_control]; upliftCi95 = 2.5% and 97.5% quantiles of (p_arm - p_control) / p_control.`,
      srm: "Pearson chi-square goodness of fit of exposures against arm weights (arms with weight > 0), df = arms - 1; warning at p < 0.001.",
      verdict:
        "check_setup on input problems or SRM warning; keep_running below 100 exposures per arm; winner: P(beat control) >= 0.95, expected loss <= 0.5% of control's rate, no guardrail breach (control wins when every treatment has P(beat control) <= 0.05 under the same loss rule); no_difference with >= 1000 exposures per arm and every 95% uplift interval within ±5%; else keep_running.",
      guardrail:
        "Dismiss rate, Beta(1, 1) posteriors: breached when P(dismiss_arm > dismiss_control) >= 0.95 and the posterior mean increase exceeds maxDismissRateIncrease; a breached arm cannot win.",
    },
  };
}
