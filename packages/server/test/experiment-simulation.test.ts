import { assignArm, bucketOf } from "@nudge/rules";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeExperiment, srmCheck } from "../src/domain/experiments/statistics/index.js";

/** mulberry32: a tiny seeded PRNG, so the planted conversions are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100,000 distinct users through the real bucketing (SPEC §6), counted per arm. */
function split(flagKey: string, arms: { key: string; weight: number }[]) {
  const counts = new Map(arms.map((arm) => [arm.key, 0]));
  for (let i = 0; i < 100_000; i++) {
    const key = assignArm(arms, bucketOf(flagKey, `user-${i}`));
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return arms.map((arm) => ({ weight: arm.weight, exposures: counts.get(arm.key) ?? 0 }));
}

/** Users converting with probability `rate`, drawn from a seeded stream. */
function conversions(users: number, rate: number, random: () => number): number {
  let n = 0;
  for (let i = 0; i < users; i++) if (random() < rate) n++;
  return n;
}

describe("simulation through the real bucketing", () => {
  it("a 50/50 split of 100,000 users passes SRM (chi-square < 10.83, df = 1, p > 0.001)", () => {
    const observed = split("exp_sim", [
      { key: "control", weight: 50 },
      { key: "treatment", weight: 50 },
    ]);
    expect(observed.reduce((sum, arm) => sum + arm.exposures, 0)).toBe(100_000);
    const srm = srmCheck(observed);
    expect(srm.chiSquare).toBeLessThan(10.83);
    expect(srm.warning).toBe(false);
  });

  it("a 34/33/33 split passes SRM (chi-square < 13.82, df = 2)", () => {
    const srm = srmCheck(
      split("exp_sim_3", [
        { key: "control", weight: 34 },
        { key: "b", weight: 33 },
        { key: "c", weight: 33 },
      ]),
    );
    expect(srm.df).toBe(2);
    expect(srm.chiSquare).toBeLessThan(13.82);
    expect(srm.warning).toBe(false);
  });

  it("a planted 2.0% vs 2.6% conversion over 20,000 users per arm is called for treatment", () => {
    const random = mulberry32(42);
    const r = analyzeExperiment({
      controlKey: "control",
      arms: [
        {
          key: "control",
          weight: 50,
          exposures: 20_000,
          conversions: conversions(20_000, 0.02, random),
        },
        {
          key: "treatment",
          weight: 50,
          exposures: 20_000,
          conversions: conversions(20_000, 0.026, random),
        },
      ],
    });
    expect(r.arms[1]?.probBeatControl).toBeGreaterThan(0.95);
    expect(r.verdict).toEqual({ kind: "winner", variantKey: "treatment" });
  });

  it("an A/A test (2.0% vs 2.0%) over 20,000 users per arm is not called", () => {
    const random = mulberry32(43);
    const r = analyzeExperiment({
      controlKey: "control",
      arms: [
        {
          key: "control",
          weight: 50,
          exposures: 20_000,
          conversions: conversions(20_000, 0.02, random),
        },
        {
          key: "treatment",
          weight: 50,
          exposures: 20_000,
          conversions: conversions(20_000, 0.02, random),
        },
      ],
    });
    expect(["keep_running", "no_difference"]).toContain(r.verdict.kind);
  });
});

describe("analyzeExperiment on arbitrary counts", () => {
  /** Every number in the result is finite (JSON would silently turn NaN into null). */
  const allFinite = (value: unknown): boolean =>
    typeof value === "number"
      ? Number.isFinite(value)
      : typeof value === "object" && value !== null
        ? Object.values(value).every(allFinite)
        : true;

  /** Small, mid and huge counts (huge ones take the numerical P(beat) path), with 0 and "all". */
  const count = fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: 1_000_000 }), fc.nat());
  const part = (of: number) =>
    fc.oneof(
      fc.constant(0),
      fc.constant(of),
      fc.nat({ max: of }),
      fc.nat({ max: Math.min(of, 100) }),
    );
  const armArb = fc
    .record({ exposures: count, weight: fc.nat({ max: 100 }) })
    .chain((base) =>
      fc
        .record({ conversions: part(base.exposures), dismissals: part(base.exposures) })
        .map((counts) => ({ ...base, ...counts })),
    );

  it("never throws and never yields NaN or infinities", () => {
    fc.assert(
      fc.property(
        fc.array(armArb, { minLength: 1, maxLength: 3 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        (arms, maxIncrease) => {
          const r = analyzeExperiment(
            {
              controlKey: "arm-0",
              arms: arms.map((arm, i) => ({ key: `arm-${i}`, ...arm })),
              ...(maxIncrease === undefined
                ? {}
                : { guardrail: { maxDismissRateIncrease: maxIncrease } }),
            },
            { draws: 20_000 },
          );
          expect(allFinite(r)).toBe(true);
          for (const a of r.arms) {
            for (const p of [a.probBeatControl ?? 0, a.probBest, ...a.posterior.ci95]) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(1);
            }
            expect(a.expectedLoss).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 200, seed: 2026 },
    );
  });
});
