import type { BetaParams } from "./beta-posterior.js";
import { betaSampler } from "./beta-sampler.js";

/** Draws per arm by default; the SPEC asks for at least 100,000 (Monte Carlo error ~0.001). */
export const DEFAULT_DRAWS = 200_000;
/**
 * Fixed seed, so the same counts always give the same numbers (a results page must not flicker
 * on reload). Arm i uses seed + i, so its draws do not depend on the other arms' parameters.
 */
export const MONTE_CARLO_SEED = 20_260_601;

export interface MonteCarloOptions {
  /** Draws per arm, DEFAULT_DRAWS when absent (tests pass fewer to run fast). */
  draws?: number;
  seed?: number;
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  /** P(arm has the highest rate); ties (equal draws) are split evenly. */
  probBest: number[];
  /**
   * Relative expected loss of shipping the arm: E[max_j p_j - p_arm] / E[p_control], the
   * conversion rate given up in expectation if the arm is not the best, as a fraction of the
   * control's posterior mean (exact, alpha / (alpha + beta)). Without a control (index < 0) the
   * loss is absolute.
   */
  expectedLoss: number[];
  /** Equal-tailed 95% interval of (p_arm - p_control) / p_control; null for the control. */
  upliftCi95: ([number, number] | null)[];
}

const MAX_SEED = 0xffffffff; // MT19937 seeds are 1 .. 2^32 - 1

/** Type-7 (linear interpolation) quantile of sorted values. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

export function monteCarlo(
  arms: readonly BetaParams[],
  controlIndex: number,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const draws =
    options.draws !== undefined && Number.isFinite(options.draws) && options.draws >= 1
      ? Math.floor(options.draws)
      : DEFAULT_DRAWS;
  const seed =
    options.seed !== undefined && Number.isInteger(options.seed) && options.seed >= 1
      ? options.seed % MAX_SEED || MAX_SEED
      : MONTE_CARLO_SEED;
  const k = arms.length;
  const samples = arms.map((arm, i) => {
    const draw = betaSampler(arm, ((seed - 1 + i) % MAX_SEED) + 1);
    const out = new Float64Array(draws);
    for (let j = 0; j < draws; j++) out[j] = draw();
    return out;
  });

  const wins = new Float64Array(k);
  const loss = new Float64Array(k);
  for (let j = 0; j < draws; j++) {
    let max = Number.NEGATIVE_INFINITY;
    let atMax = 0;
    for (const s of samples) {
      const v = s[j]!; // j < draws = s.length
      if (v > max) {
        max = v;
        atMax = 1;
      } else if (v === max) atMax++;
    }
    samples.forEach((s, i) => {
      const v = s[j]!;
      loss[i]! += max - v;
      if (v === max) wins[i]! += 1 / atMax;
    });
  }

  const control = controlIndex >= 0 ? arms[controlIndex] : undefined;
  const controlSamples = controlIndex >= 0 ? samples[controlIndex] : undefined;
  const scale = control ? control.alpha / (control.alpha + control.beta) : 1;
  const upliftCi95 = samples.map((s, i): [number, number] | null => {
    if (!controlSamples || i === controlIndex) return null;
    const uplift = new Float64Array(draws);
    for (let j = 0; j < draws; j++) {
      // A control draw can be tiny (Beta(1, 10^9)) but the floor keeps the ratio finite.
      const pc = Math.max(controlSamples[j]!, 1e-300);
      uplift[j] = (s[j]! - pc) / pc;
    }
    uplift.sort();
    return [quantileSorted(uplift, 0.025), quantileSorted(uplift, 0.975)];
  });

  return {
    draws,
    seed,
    probBest: Array.from(wins, (w) => w / draws),
    expectedLoss: Array.from(loss, (l) => l / draws / scale),
    upliftCi95,
  };
}
