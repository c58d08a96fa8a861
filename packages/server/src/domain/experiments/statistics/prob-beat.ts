import betaln from "@stdlib/math-base-special-betaln";
import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import betaPdf from "@stdlib/stats-base-dists-beta-pdf";
import type { BetaParams } from "./beta-posterior.js";
import { gaussLegendre } from "./gauss-legendre.js";

/**
 * Which method computes P(p_treatment > p_control):
 *
 * - "closed-form" (exact): Evan Miller's sum ("Formulas for Bayesian A/B Testing"). It needs one
 *   integer shape parameter and has that many terms. By symmetry (P(T > C) = 1 - P(C > T), and
 *   mirroring x -> 1 - x swaps alpha and beta) any of the four parameters can be the one summed
 *   over, so we sum over the smallest. With the Beta(1, 1) prior the parameters are
 *   1 + conversions and 1 + non-conversions, so this is exact unless BOTH arms have more than
 *   CLOSED_FORM_MAX_TERMS conversions AND non-conversions.
 * - "numerical": otherwise (or for non-integer parameters), composite 16-point Gauss–Legendre of
 *   pdf·cdf over mean ± 20 sd of the narrower posterior, in 64 panels. Such posteriors are
 *   sharply peaked and nearly normal (skewness < 0.01), so the mass outside the window is nil
 *   (< 1e-80) and each panel (0.6 sd wide) is integrated to ~machine precision.
 */
export type ProbBeatMethod = "closed-form" | "numerical";

export interface ProbBeat {
  value: number;
  method: ProbBeatMethod;
}

/** Above this many terms the closed form costs more than the integral (both stay accurate). */
export const CLOSED_FORM_MAX_TERMS = 100_000;

const REANCHOR_EVERY = 1024;

/**
 * P(X_B > X_A), X_A ~ Beta(aA, bA), X_B ~ Beta(aB, bB), aB a positive integer:
 * sum_{i < aB} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)).
 * Terms live in log space (plain Beta functions overflow for thousands of users). Consecutive
 * terms differ by the factor (aA+i)(bB+i) / ((aA+bA+bB+i)(1+i)), which is far cheaper than three
 * betaln calls; every REANCHOR_EVERY terms the exact expression resets any rounding drift.
 */
function millerSum(aA: number, bA: number, aB: number, bB: number): number {
  const base = betaln(aA, bA);
  let logTerm = 0;
  let sum = 0;
  for (let i = 0; i < aB; i++) {
    if (i % REANCHOR_EVERY === 0) {
      logTerm = betaln(aA + i, bA + bB) - Math.log(bB + i) - betaln(1 + i, bB) - base;
    }
    sum += Math.exp(logTerm);
    logTerm += Math.log(((aA + i) / (aA + bA + bB + i)) * ((bB + i) / (1 + i)));
  }
  return sum;
}

/** The four symmetric forms of the closed form, each with the parameter it sums over. */
function closedForms(t: BetaParams, c: BetaParams): { terms: number; run: () => number }[] {
  return [
    { terms: t.alpha, run: () => millerSum(c.alpha, c.beta, t.alpha, t.beta) },
    { terms: c.alpha, run: () => 1 - millerSum(t.alpha, t.beta, c.alpha, c.beta) },
    // P(T > C) = P(1 - C > 1 - T), and 1 - X ~ Beta(beta, alpha).
    { terms: c.beta, run: () => millerSum(t.beta, t.alpha, c.beta, c.alpha) },
    { terms: t.beta, run: () => 1 - millerSum(c.beta, c.alpha, t.beta, t.alpha) },
  ].filter((form) => Number.isInteger(form.terms) && form.terms >= 1);
}

function cheapestForm(t: BetaParams, c: BetaParams) {
  let best: { terms: number; run: () => number } | undefined;
  for (const form of closedForms(t, c)) if (!best || form.terms < best.terms) best = form;
  return best;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Exact P(T > C) by the cheapest closed form, whatever its size. Needs an integer parameter. */
export function probBeatClosedForm(t: BetaParams, c: BetaParams): number {
  const form = cheapestForm(t, c);
  if (!form) throw new RangeError("the closed form needs an integer shape parameter");
  return clamp01(form.run());
}

const RULE = gaussLegendre(16);
const PANELS = 64;
const HALF_WINDOW_SDS = 20;

const sdOf = ({ alpha: a, beta: b }: BetaParams) =>
  Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));

/** P(T > C) by Gauss–Legendre quadrature (see ProbBeatMethod). */
export function probBeatNumerical(t: BetaParams, c: BetaParams): number {
  // Integrate against the narrower density: the other posterior's cdf is then smooth on the grid.
  const treatmentIsNarrower = sdOf(t) <= sdOf(c);
  const dens = treatmentIsNarrower ? t : c;
  const other = treatmentIsNarrower ? c : t;
  const mean = dens.alpha / (dens.alpha + dens.beta);
  const lo = Math.max(0, mean - HALF_WINDOW_SDS * sdOf(dens));
  const hi = Math.min(1, mean + HALF_WINDOW_SDS * sdOf(dens));
  const h = (hi - lo) / PANELS;
  let sum = 0;
  for (let p = 0; p < PANELS; p++) {
    const mid = lo + (p + 0.5) * h;
    RULE.nodes.forEach((node, k) => {
      const x = mid + (h / 2) * node;
      sum +=
        (RULE.weights[k] ?? 0) *
        betaPdf(x, dens.alpha, dens.beta) *
        betaCdf(x, other.alpha, other.beta);
    });
  }
  // sum * h/2 = ∫ f_dens(x) F_other(x) dx = P(other < dens).
  const otherBelow = clamp01((sum * h) / 2);
  return treatmentIsNarrower ? otherBelow : 1 - otherBelow;
}

/** P(p_treatment > p_control) for two Beta posteriors, and the method that computed it. */
export function probBeat(treatment: BetaParams, control: BetaParams): ProbBeat {
  const form = cheapestForm(treatment, control);
  if (form && form.terms <= CLOSED_FORM_MAX_TERMS) {
    return { value: clamp01(form.run()), method: "closed-form" };
  }
  return { value: probBeatNumerical(treatment, control), method: "numerical" };
}
