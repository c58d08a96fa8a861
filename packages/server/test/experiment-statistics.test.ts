import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import betaPdf from "@stdlib/stats-base-dists-beta-pdf";
import { describe, expect, it } from "vitest";
import {
  analyzeExperiment,
  betaPosterior,
  betaSampler,
  CLOSED_FORM_MAX_TERMS,
  gaussLegendre,
  probBeat,
  probBeatClosedForm,
  probBeatNumerical,
} from "../src/domain/experiments/statistics/index.js";

/*
 * REFERENCE VALUES. Computed independently of this code base (no stdlib, no shared formulas in
 * floating point) by the python3 script below, standard library only (python 3.11.7): exact
 * rational arithmetic (fractions, big-integer factorials) for two different derivations of
 * P(p_B > p_A), which agree exactly, plus composite Simpson integration with math.lgamma as a
 * third, numerical check; quantiles by bisection on the binomial-tail form of the Beta cdf.
 * No published-calculator value is quoted: none is known to us with certainty.
 *
 * ---- script ----
 * # Independent references for experiment-statistics.test.ts. python3 standard library only.
 * # Beta(1,1) prior => posterior Beta(1 + conversions, 1 + exposures - conversions).
 * from fractions import Fraction
 * from math import comb, factorial, lgamma, log, exp, fsum, erfc, sqrt
 *
 * def B(a, b):  # exact Beta function of positive integers
 *     return Fraction(factorial(a - 1) * factorial(b - 1), factorial(a + b - 1))
 *
 * def p_miller(aA, bA, aB, bB):  # P(pB > pA): Evan Miller's closed form, exact rationals
 *     total, term = Fraction(0), B(aA, bA + bB) / (bB * B(1, bB) * B(aA, bA))
 *     for i in range(aB):  # term(i+1)/term(i) = (aA+i)(bB+i) / ((aA+bA+bB+i)(1+i))
 *         total += term
 *         term *= Fraction((aA + i) * (bB + i), (aA + bA + bB + i) * (1 + i))
 *     return total
 *
 * def p_tail(aA, bA, aB, bB):
 *     # Another derivation: P(pB > pA) = E[F_A(pB)], F_A(x) = sum_{j>=aA} C(n,j) x^j (1-x)^(n-j)
 *     # (n = aA+bA-1, integer-parameter Beta cdf as a binomial tail), integrated term by term
 *     # against the Beta(aB,bB) density. Exact rationals.
 *     n = aA + bA - 1
 *     return sum(comb(n, j) * B(j + aB, n - j + bB) for j in range(aA, n + 1)) / B(aB, bB)
 *
 * def lbeta(a, b): return lgamma(a) + lgamma(b) - lgamma(a + b)
 *
 * def p_miller_float(aA, bA, aB, bB):  # the closed form in floats (lgamma, fsum) for huge counts
 *     return fsum(exp(lbeta(aA + i, bA + bB) - log(bB + i) - lbeta(1 + i, bB) - lbeta(aA, bA))
 *                 for i in range(aB))
 *
 * def cdf(x, a, b):  # binomial tail in log space
 *     n, lx, l1x = a + b - 1, log(x), log(1 - x)
 *     return fsum(exp(lgamma(n + 1) - lgamma(j + 1) - lgamma(n - j + 1) + j * lx + (n - j) * l1x)
 *                 for j in range(a, n + 1))
 *
 * def p_simpson(aA, bA, aB, bB, m=20000):  # composite Simpson of pdf_B * cdf_A over (0, 1)
 *     f = lambda x: 0.0 if x <= 0 or x >= 1 else exp(
 *         (aB - 1) * log(x) + (bB - 1) * log(1 - x) - lbeta(aB, bB)) * cdf(x, aA, bA)
 *     return fsum((1 if k in (0, m) else 4 if k % 2 else 2) * f(k / m) for k in range(m + 1)) / (3 * m)
 *
 * def quantile(p, a, b):  # bisection on the binomial-tail cdf
 *     lo, hi = 0.0, 1.0
 *     for _ in range(200):
 *         mid = (lo + hi) / 2
 *         lo, hi = (mid, hi) if cdf(mid, a, b) < p else (lo, mid)
 *     return (lo + hi) / 2
 *
 * def post(c, n): return 1 + c, 1 + n - c
 *
 * for cA, nA, cB, nB in [(100, 1000, 120, 1000), (3, 20, 1, 20), (0, 0, 0, 0), (0, 10, 1, 10)]:
 *     m, t = p_miller(*post(cA, nA), *post(cB, nB)), p_tail(*post(cA, nA), *post(cB, nB))
 *     print(f"P({cB}/{nB} beats {cA}/{nA}): miller={float(m)!r} tail={float(t)!r} equal={m == t}")
 * print("  simpson, 120/1000 vs 100/1000:", repr(p_simpson(101, 901, 121, 881)))
 * print("P(2100/100000 beats 2000/100000) exact:", repr(float(p_miller(*post(2000, 100000), *post(2100, 100000)))))
 * print("P(151000/1e6 beats 150000/1e6) float:", repr(p_miller_float(*post(150000, 10**6), *post(151000, 10**6))))
 * # Expected loss, 100/1000 (C) vs 120/1000 (T): E[max(C-T,0)] = E[C]P(C+ > T) - E[T]P(C > T+),
 * # X+ ~ Beta(alpha+1, beta) (size-biased); relative = divided by E[C].
 * (aC, bC), (aT, bT) = post(100, 1000), post(120, 1000)
 * mC, mT = Fraction(aC, aC + bC), Fraction(aT, aT + bT)
 * lossT = (mC * p_miller(aT, bT, aC + 1, bC) - mT * p_miller(aT + 1, bT, aC, bC)) / mC
 * lossC = (mT * p_miller(aC, bC, aT + 1, bT) - mC * p_miller(aC + 1, bC, aT, bT)) / mC
 * print("relative expected loss: treatment", repr(float(lossT)), "control", repr(float(lossC)))
 * for a, b in [(101, 901), (121, 881)]:
 *     print(f"Beta({a},{b}): mean={a / (a + b)!r} q025={quantile(0.025, a, b)!r} q975={quantile(0.975, a, b)!r}")
 * x2 = 2 * 100 ** 2 / 5100
 * print("SRM 5000/5200 @50/50: chi2 =", repr(x2), "p = erfc(sqrt(chi2/2)) =", repr(erfc(sqrt(x2 / 2))))
 * obs, w = [3400, 3300, 3500], [34, 33, 33]
 * x2 = sum((o - sum(obs) * wi / sum(w)) ** 2 / (sum(obs) * wi / sum(w)) for o, wi in zip(obs, w))
 * print("SRM 3400/3300/3500 @34/33/33: chi2 =", repr(x2), "p = exp(-chi2/2) =", repr(exp(-x2 / 2)))
 * x2 = 2 * 200 ** 2 / 5200
 * print("SRM 5000/5400 @50/50: chi2 =", repr(x2), "p =", repr(erfc(sqrt(x2 / 2))))
 * ---- printed output ----
 * P(120/1000 beats 100/1000): miller=0.9231834389735597 tail=0.9231834389735597 equal=True
 * P(1/20 beats 3/20): miller=0.17166979362101314 tail=0.17166979362101314 equal=True
 * P(0/0 beats 0/0): miller=0.5 tail=0.5 equal=True
 * P(1/10 beats 0/10): miller=0.7619047619047619 tail=0.7619047619047619 equal=True
 *   simpson, 120/1000 vs 100/1000: 0.9231834389747957
 * P(2100/100000 beats 2000/100000) exact: 0.9427003200355171
 * P(151000/1e6 beats 150000/1e6) float: 0.9760121033448316
 * relative expected loss: treatment 0.004807754002070857 control 0.20282755598226887
 * Beta(101,901): mean=0.10079840319361277 q025=0.08293639849581672 q975=0.12016912987578499
 * Beta(121,881): mean=0.12075848303393213 q025=0.10132341964422653 q975=0.1416269997487769
 * SRM 5000/5200 @50/50: chi2 = 3.9215686274509802 p = erfc(sqrt(chi2/2)) = 0.04767038065616144
 * SRM 3400/3300/3500 @34/33/33: chi2 = 7.9619726678550204 p = exp(-chi2/2) = 0.018667218143914397
 * SRM 5000/5400 @50/50: chi2 = 15.384615384615385 p = 8.769942375590239e-05
 *
 * real	0m46.180s
 */

const post = (exposures: number, conversions: number) => betaPosterior(exposures, conversions);
const arm = (key: string, exposures: number, conversions: number, weight = 50) => ({
  key,
  weight,
  exposures,
  conversions,
});

describe("Beta posterior", () => {
  it("is Beta(1 + c, 1 + n - c) with the exact 95% credible interval", () => {
    const c = post(1000, 100);
    expect([c.alpha, c.beta]).toEqual([101, 901]);
    expect(c.mean).toBeCloseTo(0.10079840319361277, 15);
    expect(c.ci95[0]).toBeCloseTo(0.08293639849581672, 10);
    expect(c.ci95[1]).toBeCloseTo(0.12016912987578499, 10);
    const t = post(1000, 120);
    expect(t.mean).toBeCloseTo(0.12075848303393213, 15);
    expect(t.ci95[0]).toBeCloseTo(0.10132341964422653, 10);
    expect(t.ci95[1]).toBeCloseTo(0.1416269997487769, 10);
  });

  it("is the uniform prior with no data", () => {
    expect(post(0, 0)).toEqual({ alpha: 1, beta: 1, mean: 0.5, ci95: [0.025, 0.975] });
  });
});

describe("probability to beat control", () => {
  it("matches the exact reference for 120/1000 vs 100/1000 (acceptance: within ±0.5 pp)", () => {
    const r = probBeat(post(1000, 120), post(1000, 100));
    expect(r.method).toBe("closed-form");
    expect(Math.abs(r.value - 0.9231834389735597)).toBeLessThan(0.005);
    expect(r.value).toBeCloseTo(0.9231834389735597, 12);
  });

  it("matches the other exact references", () => {
    expect(probBeat(post(20, 1), post(20, 3)).value).toBeCloseTo(0.17166979362101314, 13);
    expect(probBeat(post(0, 0), post(0, 0)).value).toBeCloseTo(0.5, 15);
    expect(probBeat(post(10, 1), post(10, 0)).value).toBeCloseTo(16 / 21, 15);
    // > 1024 terms: exercises the log-space recurrence and its re-anchoring.
    expect(probBeat(post(100_000, 2100), post(100_000, 2000)).value).toBeCloseTo(
      0.9427003200355171,
      11,
    );
  });

  it("is consistent under swapping arms and mirroring x -> 1 - x (the four closed forms)", () => {
    const cases = [
      [post(1000, 120), post(1000, 100)],
      [post(50, 49), post(70, 3)],
      [post(5, 0), post(400_000, 7)],
    ] as const;
    for (const [t, c] of cases) {
      const p = probBeat(t, c).value;
      expect(p + probBeat(c, t).value).toBeCloseTo(1, 12);
      const mirror = (x: { alpha: number; beta: number }) => ({ alpha: x.beta, beta: x.alpha });
      expect(probBeat(mirror(c), mirror(t)).value).toBeCloseTo(p, 12);
    }
  });

  it("integrates numerically when every parameter exceeds the closed-form limit", () => {
    const t = post(1_000_000, 151_000);
    const c = post(1_000_000, 150_000);
    expect(Math.min(t.alpha, t.beta, c.alpha, c.beta)).toBeGreaterThan(CLOSED_FORM_MAX_TERMS);
    const r = probBeat(t, c);
    expect(r.method).toBe("numerical");
    // The python float reference carries ~3e-9 of lgamma rounding at this size.
    expect(r.value).toBeCloseTo(0.9760121033448316, 7);
    expect(r.value).toBeCloseTo(probBeatClosedForm(t, c), 9);
  });

  it("quadrature agrees with the closed form on skewed and small posteriors too", () => {
    for (const [t, c] of [
      [post(1000, 120), post(1000, 100)],
      [post(10, 1), post(10, 0)],
      [post(1_000_000, 9), post(1_000_000, 5)],
      [post(200, 3), post(100_000, 1500)],
    ] as const) {
      expect(probBeatNumerical(t, c)).toBeCloseTo(probBeatClosedForm(t, c), 8);
    }
  });

  it("uses a correct Gauss–Legendre rule", () => {
    const { nodes, weights } = gaussLegendre(16);
    const integral = (f: (x: number) => number) =>
      nodes.reduce((sum, x, i) => sum + (weights[i] ?? 0) * f(x), 0);
    expect(integral(() => 1)).toBeCloseTo(2, 14);
    expect(integral((x) => x ** 30)).toBeCloseTo(2 / 31, 14); // exact up to degree 31
  });
});

describe("Monte Carlo", () => {
  const input = {
    controlKey: "control",
    arms: [arm("control", 1000, 100), arm("treatment", 1000, 120)],
  };
  const full = analyzeExperiment(input);
  const [control, treatment] = full.arms;

  it("is deterministic: the same input gives identical output", () => {
    expect(analyzeExperiment(input)).toStrictEqual(full);
    expect(analyzeExperiment(input, { seed: 7 }).arms[1]?.probBest).not.toBe(treatment?.probBest);
  });

  it("P(best) of two arms agrees with the exact P(beat control) within ±0.01", () => {
    expect(Math.abs((treatment?.probBest ?? 0) - 0.9231834389735597)).toBeLessThan(0.01);
    expect((control?.probBest ?? 0) + (treatment?.probBest ?? 0)).toBeCloseTo(1, 12);
    const rare = analyzeExperiment({
      controlKey: "c",
      arms: [arm("c", 1_000_000, 5), arm("t", 1_000_000, 9)],
    }).arms[1];
    expect(Math.abs((rare?.probBest ?? 0) - (rare?.probBeatControl ?? 0))).toBeLessThan(0.01);
  });

  it("expected loss agrees with the exact reference", () => {
    expect(full.method.monteCarlo).toContain("200000 draws");
    expect(treatment?.expectedLoss).toBeGreaterThan(0.004807754002070857 * 0.95);
    expect(treatment?.expectedLoss).toBeLessThan(0.004807754002070857 * 1.05);
    expect(control?.expectedLoss).toBeGreaterThan(0.20282755598226887 * 0.98);
    expect(control?.expectedLoss).toBeLessThan(0.20282755598226887 * 1.02);
  });

  it("the uplift interval's endpoints have exact tail probabilities 2.5% and 97.5%", () => {
    // P((T - C)/C <= q) = P(T <= (1 + q) C) = ∫ pdf_C(x) cdf_T((1 + q) x) dx, by quadrature.
    const { nodes, weights } = gaussLegendre(16);
    const tailBelow = (q: number) => {
      let sum = 0;
      const panels = 400;
      for (let p = 0; p < panels; p++) {
        nodes.forEach((node, k) => {
          const x = (p + 0.5 + node / 2) / panels;
          const y = Math.min(1, (1 + q) * x);
          sum += (weights[k] ?? 0) * betaPdf(x, 101, 901) * betaCdf(y, 121, 881);
        });
      }
      return sum / (2 * panels);
    };
    const [lo, hi] = treatment?.upliftCi95 ?? [Number.NaN, Number.NaN];
    expect(Math.abs(tailBelow(lo) - 0.025)).toBeLessThan(0.002);
    expect(Math.abs(tailBelow(hi) - 0.975)).toBeLessThan(0.002);
    expect(control?.upliftCi95).toBeNull();
  });

  it("draws from the right Beta distributions (Kolmogorov–Smirnov, fixed seed)", () => {
    const n = 20_000;
    for (const [a, b] of [
      [1, 1],
      [101, 901],
      [6, 999_996],
      [2_000_001, 3],
      [0.5, 0.5],
    ] as const) {
      const draw = betaSampler({ alpha: a, beta: b }, 11);
      const xs = Float64Array.from({ length: n }, draw).sort();
      let d = 0;
      xs.forEach((x, i) => {
        const f = betaCdf(x, a, b);
        d = Math.max(d, f - i / n, (i + 1) / n - f);
      });
      expect(d * Math.sqrt(n)).toBeLessThan(1.63); // the 1% critical value
    }
  });
});
