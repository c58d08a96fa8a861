/**
 * The posterior chart's data: each arm's Beta(alpha, beta) density of the conversion rate,
 * computed here from the shape parameters the results API returns.
 */

/** The x key of every point. Arm keys are lowercase without spaces, so it never collides. */
export const RATE_KEY = "Conversion rate";

export interface PosteriorArm {
  key: string;
  alpha: number;
  beta: number;
}

export type PosteriorPoint = { [RATE_KEY]: number } & Record<string, number>;

// Lanczos approximation (g = 7, 9 terms): ~15 significant digits for x > 0.
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  const t = z + 7.5;
  let sum = lanczos[0]!;
  for (let i = 1; i < lanczos.length; i++) sum += lanczos[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The Beta(alpha, beta) probability density at x, in log space so that posteriors of millions
 * of users neither overflow nor underflow. 0 outside [0, 1].
 */
export function betaDensity(x: number, alpha: number, beta: number): number {
  if (!(x >= 0 && x <= 1)) return 0;
  // (a - 1)·ln x with a = 1 is 0 even at x = 0 (a flat edge), not 0·(-∞) = NaN.
  const term = (shape: number, v: number) => (shape === 1 ? 0 : (shape - 1) * Math.log(v));
  const lnBeta = lnGamma(alpha) + lnGamma(beta) - lnGamma(alpha + beta);
  return Math.exp(term(alpha, x) + term(beta, 1 - x) - lnBeta);
}

/** Mean and standard deviation of Beta(alpha, beta). */
export function betaMoments(alpha: number, beta: number): { mean: number; sd: number } {
  const n = alpha + beta;
  return { mean: alpha / n, sd: Math.sqrt((alpha * beta) / (n * n * (n + 1))) };
}

/**
 * Points for a chart with one series per arm. Each arm contributes `perArm` evenly spaced rates
 * across its own mean ± 5 sd (clamped to [0, 1]), and every point carries every arm's density,
 * so a narrow posterior is drawn in full even when the arms sit far apart.
 */
export function posteriorSeries(
  arms: readonly PosteriorArm[],
  perArm = 81,
): { points: PosteriorPoint[]; domain: [number, number]; ticks: number[] } {
  const valid = arms.filter(
    (a) => Number.isFinite(a.alpha) && Number.isFinite(a.beta) && a.alpha > 0 && a.beta > 0,
  );
  if (valid.length === 0) return { points: [], ...niceAxis(0, 1) };
  const rates = new Set<number>();
  let lo = 1;
  let hi = 0;
  for (const arm of valid) {
    const { mean, sd } = betaMoments(arm.alpha, arm.beta);
    const from = Math.max(0, mean - 5 * sd);
    const to = Math.min(1, mean + 5 * sd);
    lo = Math.min(lo, from);
    hi = Math.max(hi, to);
    for (let i = 0; i < perArm; i++) {
      rates.add(round(from + ((to - from) * i) / (perArm - 1)));
    }
  }
  const points = [...rates]
    .sort((a, b) => a - b)
    .map((rate) => {
      const point: PosteriorPoint = { [RATE_KEY]: rate };
      for (const arm of valid) point[arm.key] = round(betaDensity(rate, arm.alpha, arm.beta));
      return point;
    });
  return { points, ...niceAxis(lo, hi) };
}

/**
 * Round axis ticks covering [lo, hi] within [0, 1]: a step of 1, 2, 2.5 or 5 times a power of
 * ten giving four to six intervals, and a domain widened to whole steps (2.7%–28.9% → 0%–30%).
 */
export function niceAxis(lo: number, hi: number): { domain: [number, number]; ticks: number[] } {
  const span = hi - lo > 0 ? hi - lo : 1;
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const from = Math.max(0, Math.floor(round(lo / step)) * step);
  const to = Math.min(1, Math.ceil(round(hi / step)) * step);
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const tick = round(from + i * step);
    if (tick > to + step / 1e6) break;
    ticks.push(Math.min(tick, 1));
  }
  return { domain: [round(from), round(to)], ticks };
}

/** Nine significant decimals: enough for any chart, and equal rates dedupe exactly. */
const round = (x: number) => Math.round(x * 1e9) / 1e9;
