import { describe, expect, it } from "vitest";
import {
  analyzeExperiment,
  decideVerdict,
  MAX_EXPECTED_LOSS,
  srmCheck,
  type VerdictArm,
} from "../src/domain/experiments/statistics/index.js";

/*
 * The sample-ratio check, the verdict rules and the whole analysis. The SRM reference values
 * come from the python3 script in experiment-statistics.test.ts (standard library only).
 */

const arm = (key: string, exposures: number, conversions: number, weight = 50) => ({
  key,
  weight,
  exposures,
  conversions,
});
/** Fewer draws where the test is about something other than Monte Carlo precision. */
const fast = { draws: 20_000 };

describe("sample-ratio mismatch", () => {
  it("5000 vs 5200 at 50/50: chi-square 3.9216, p 0.0477, no warning", () => {
    const r = srmCheck([
      { weight: 50, exposures: 5000 },
      { weight: 50, exposures: 5200 },
    ]);
    expect(r.chiSquare).toBeCloseTo(3.9215686274509802, 12);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(0.04767038065616144, 10);
    expect(r.warning).toBe(false);
  });

  it("three arms at 34/33/33 use df = 2", () => {
    const r = srmCheck([
      { weight: 34, exposures: 3400 },
      { weight: 33, exposures: 3300 },
      { weight: 33, exposures: 3500 },
    ]);
    expect(r.chiSquare).toBeCloseTo(7.9619726678550204, 12);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.018667218143914397, 10);
  });

  it("warns below p = 0.001 and ignores arms without weight", () => {
    const r = srmCheck([
      { weight: 50, exposures: 5000 },
      { weight: 50, exposures: 5400 },
      { weight: 0, exposures: 999 },
    ]);
    expect(r.chiSquare).toBeCloseTo(15.384615384615385, 12);
    expect(r.pValue).toBeCloseTo(8.769942375590239e-5, 12);
    expect(r.warning).toBe(true);
    expect(srmCheck([{ weight: 100, exposures: 10 }])).toEqual({
      chiSquare: 0,
      df: 0,
      pValue: 1,
      warning: false,
    });
    expect(srmCheck([arm("a", 0, 0), arm("b", 0, 0)]).pValue).toBe(1);
  });
});

describe("verdict", () => {
  const base = (over: Partial<VerdictArm> & { key: string }): VerdictArm => ({
    isControl: over.key === "control",
    exposures: 5000,
    probBeatControl: over.key === "control" ? null : 0.5,
    expectedLoss: 0.05,
    upliftCi95: over.key === "control" ? null : [-0.2, 0.2],
    guardrailBreached: false,
    ...over,
  });
  const srm = { warning: false, chiSquare: 0.1, pValue: 0.75 };
  const decide = (arms: VerdictArm[], problems: string[] = []) =>
    decideVerdict({ arms, srm, problems });

  it("calls a treatment only with P(beat) >= 0.95 and a small expected loss", () => {
    const control = base({ key: "control" });
    const winner = base({ key: "treatment", probBeatControl: 0.97, expectedLoss: 0.001 });
    expect(decide([control, winner])).toEqual({ kind: "winner", variantKey: "treatment" });
    const lossy = { ...winner, expectedLoss: MAX_EXPECTED_LOSS * 2 };
    expect(decide([control, lossy]).kind).toBe("keep_running");
    expect(decide([control, { ...winner, probBeatControl: 0.94 }]).kind).toBe("keep_running");
    expect(decide([control, { ...winner, exposures: 99 }]).kind).toBe("keep_running");
  });

  it("picks the smallest expected loss among several qualifying treatments", () => {
    const arms = [
      base({ key: "control" }),
      base({ key: "b", probBeatControl: 0.99, expectedLoss: 0.004 }),
      base({ key: "c", probBeatControl: 0.98, expectedLoss: 0.002 }),
    ];
    expect(decide(arms)).toEqual({ kind: "winner", variantKey: "c" });
  });

  it("calls the control when every treatment is very likely worse", () => {
    const arms = [
      base({ key: "control", expectedLoss: 0.001 }),
      base({ key: "treatment", probBeatControl: 0.02 }),
    ];
    expect(decide(arms)).toEqual({ kind: "winner", variantKey: "control" });
  });

  it("a breached guardrail blocks a treatment winner", () => {
    const arms = [
      base({ key: "control" }),
      base({
        key: "treatment",
        probBeatControl: 0.99,
        expectedLoss: 0.001,
        guardrailBreached: true,
      }),
    ];
    const v = decide(arms);
    expect(v.kind).toBe("keep_running");
    expect(v.kind === "keep_running" && v.reason).toContain("guardrail");
  });

  it("no_difference when every uplift interval sits inside ±5% with enough data", () => {
    const arms = [base({ key: "control" }), base({ key: "treatment", upliftCi95: [-0.04, 0.045] })];
    expect(decide(arms).kind).toBe("no_difference");
    expect(decide(arms.map((a) => ({ ...a, exposures: 999 }))).kind).toBe("keep_running");
    expect(decide([arms[0]!, { ...arms[1]!, upliftCi95: [-0.04, 0.06] }]).kind).toBe(
      "keep_running",
    );
  });

  it("check_setup wins over everything on SRM or input problems", () => {
    const arms = [
      base({ key: "control" }),
      base({ key: "treatment", probBeatControl: 0.999, expectedLoss: 0 }),
    ];
    expect(
      decideVerdict({ arms, srm: { ...srm, warning: true, pValue: 1e-6 }, problems: [] }).kind,
    ).toBe("check_setup");
    expect(decide(arms, ["broken"])).toEqual({ kind: "check_setup", reason: "broken" });
  });
});

describe("analyzeExperiment", () => {
  it("answers from the prior with no data: no NaN, rates 0, P(beat) 0.5", () => {
    const r = analyzeExperiment({ controlKey: "c", arms: [arm("c", 0, 0), arm("t", 0, 0)] }, fast);
    const [c, t] = r.arms;
    expect(c?.conversionRate).toBe(0);
    expect(c?.posterior.mean).toBe(0.5);
    expect(c?.probBeatControl).toBeNull();
    expect(t?.probBeatControl).toBeCloseTo(0.5, 12);
    expect(t?.probBeatControlMethod).toBe("closed-form");
    expect(r.srm).toEqual({ chiSquare: 0, df: 1, pValue: 1, warning: false });
    expect(r.verdict.kind).toBe("keep_running");
    const numbers = JSON.stringify(r, (_k, v) =>
      typeof v === "number" && !Number.isFinite(v) ? "BAD" : v,
    );
    expect(numbers).not.toContain("BAD");
  });

  it("reports input problems as check_setup instead of throwing", () => {
    const missing = analyzeExperiment(
      { controlKey: "nope", arms: [arm("a", 10, 1), arm("b", 10, 2)] },
      fast,
    );
    expect(missing.verdict.kind).toBe("check_setup");
    expect(missing.arms.every((a) => a.probBeatControl === null && a.upliftCi95 === null)).toBe(
      true,
    );
    const inconsistent = analyzeExperiment(
      { controlKey: "a", arms: [arm("a", 10, 11), arm("b", 10, 2)] },
      fast,
    );
    expect(inconsistent.verdict.kind).toBe("check_setup");
    expect(inconsistent.arms[0]?.conversions).toBe(10);
    expect(analyzeExperiment({ controlKey: "a", arms: [] }, fast).verdict.kind).toBe("check_setup");
    const dup = analyzeExperiment(
      { controlKey: "a", arms: [arm("a", 10, 1), arm("a", 10, 1)] },
      fast,
    );
    expect(dup.verdict.kind).toBe("check_setup");
  });

  it("reports dismiss rates and flags a breached guardrail, which blocks the winner", () => {
    const input = {
      controlKey: "control",
      guardrail: { maxDismissRateIncrease: 0.02 },
      arms: [
        { ...arm("control", 10_000, 800), dismissals: 2000 },
        { ...arm("treatment", 10_000, 1000), dismissals: 3000 },
      ],
    };
    const r = analyzeExperiment(input, fast);
    const t = r.arms[1];
    expect(r.arms[0]?.dismissRate).toBe(0.2);
    expect(t?.dismissRate).toBe(0.3);
    expect(t?.probBeatControl).toBeGreaterThan(0.999);
    expect(t?.guardrail?.probIncrease).toBeGreaterThan(0.999);
    expect(t?.guardrail?.meanIncrease).toBeCloseTo(0.1, 3);
    expect(t?.guardrailBreached).toBe(true);
    expect(r.verdict.kind).toBe("keep_running");
    // Within the allowed increase the same treatment wins.
    const tolerant = analyzeExperiment(
      { ...input, guardrail: { maxDismissRateIncrease: 0.2 } },
      fast,
    );
    expect(tolerant.arms[1]?.guardrailBreached).toBe(false);
    expect(tolerant.verdict).toEqual({ kind: "winner", variantKey: "treatment" });
  });
});
