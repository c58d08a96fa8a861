import { describe, expect, it } from "vitest";
import {
  betaDensity,
  betaMoments,
  lnGamma,
  niceAxis,
  type PosteriorPoint,
  posteriorSeries,
  RATE_KEY,
} from "../src/features/experiments/posterior-series";

/** Trapezoid rule over a series' points for one arm. */
function area(points: PosteriorPoint[], key: string): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    sum += ((b[RATE_KEY] - a[RATE_KEY]) * (a[key]! + b[key]!)) / 2;
  }
  return sum;
}

describe("lnGamma", () => {
  it("matches ln((n - 1)!) and ln √π", () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(lnGamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // Stirling for a large argument: the posteriors of big tests need it.
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
    expect(lnGamma(x)).toBeCloseTo(stirling, 4);
  });
});

describe("betaDensity", () => {
  it("matches closed forms", () => {
    for (const x of [0, 0.25, 0.5, 1]) expect(betaDensity(x, 1, 1)).toBeCloseTo(1, 12);
    expect(betaDensity(0.5, 2, 2)).toBeCloseTo(1.5, 12);
    expect(betaDensity(0.3, 2, 1)).toBeCloseTo(0.6, 12);
    expect(betaDensity(0, 1, 2)).toBeCloseTo(2, 12);
    expect(betaDensity(1, 1, 2)).toBe(0);
    // Beta(3, 5) at 1/4: x²(1 - x)⁴ / B(3, 5), with B(3, 5) = 1/105.
    expect(betaDensity(0.25, 3, 5)).toBeCloseTo(0.25 ** 2 * 0.75 ** 4 * 105, 10);
  });

  it("is 0 outside [0, 1] and finite for huge posteriors", () => {
    expect(betaDensity(-0.1, 2, 2)).toBe(0);
    expect(betaDensity(1.1, 2, 2)).toBe(0);
    expect(betaDensity(Number.NaN, 2, 2)).toBe(0);
    const peak = betaDensity(0.1, 100_001, 900_001);
    expect(Number.isFinite(peak)).toBe(true);
    // A normal approximation's peak: 1 / (sd √(2π)).
    const { sd } = betaMoments(100_001, 900_001);
    expect(peak / (1 / (sd * Math.sqrt(2 * Math.PI)))).toBeCloseTo(1, 3);
  });
});

describe("posteriorSeries", () => {
  it("gives every arm a curve that integrates to 1 over the shared points", () => {
    const arms = [
      { key: "control", alpha: 41, beta: 361 },
      { key: "treatment", alpha: 43, beta: 209 },
      { key: "far", alpha: 9001, beta: 1001 },
    ];
    const { points, domain, ticks } = posteriorSeries(arms);
    expect(points.length).toBeGreaterThan(200);
    for (const arm of arms) expect(area(points, arm.key)).toBeCloseTo(1, 3);
    for (const p of points)
      expect(Object.keys(p).sort()).toEqual([RATE_KEY, "control", "far", "treatment"].sort());
    const rates = points.map((p) => p[RATE_KEY]);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(new Set(rates).size).toBe(rates.length);
    expect(domain[0]).toBeLessThanOrEqual(rates[0]!);
    expect(domain[1]).toBeGreaterThanOrEqual(rates.at(-1)!);
    expect(ticks[0]).toBe(domain[0]);
    expect(ticks.at(-1)).toBe(domain[1]);
  });

  it("keeps to [0, 1] for arms with no data (the flat prior)", () => {
    const { points, domain } = posteriorSeries([{ key: "control", alpha: 1, beta: 1 }]);
    expect(points[0]![RATE_KEY]).toBe(0);
    expect(points.at(-1)![RATE_KEY]).toBe(1);
    expect(domain).toEqual([0, 1]);
    expect(area(points, "control")).toBeCloseTo(1, 6);
  });

  it("skips arms without a usable posterior", () => {
    expect(posteriorSeries([]).points).toEqual([]);
    const { points } = posteriorSeries([
      { key: "control", alpha: 2, beta: 5 },
      { key: "broken", alpha: Number.NaN, beta: 1 },
    ]);
    expect(points.every((p) => !("broken" in p))).toBe(true);
  });
});

describe("niceAxis", () => {
  it("picks round steps and widens the domain to them", () => {
    expect(niceAxis(0.027, 0.289)).toEqual({
      domain: [0, 0.3],
      ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
    });
    expect(niceAxis(0, 1)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis(0.1012, 0.1088)).toEqual({
      domain: [0.1, 0.11],
      ticks: [0.1, 0.102, 0.104, 0.106, 0.108, 0.11],
    });
  });

  it("never leaves [0, 1]", () => {
    const { domain, ticks } = niceAxis(0.91, 1);
    expect(domain[1]).toBe(1);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(1);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(0);
  });
});
