import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Evaluation, evaluate, isVisible, RULE_ORDER } from "../src/index.js";
import { contextArb, DAY, messageArb, NOW, nearNow, userArb } from "./arbitraries.js";

function expectWellFormed(result: Evaluation): void {
  expect(result.checks.map((c) => c.rule)).toEqual(RULE_ORDER);
  expect(result.visible).toBe(result.checks.every((c) => c.passed));
  for (const check of result.checks) {
    expect(typeof check.passed).toBe("boolean");
    expect(typeof check.reason).toBe("string");
    expect(check.reason.length).toBeGreaterThan(0);
  }
}

const evaluateAny = evaluate as (m: unknown, u: unknown, c: unknown, n: unknown) => Evaluation;

describe("evaluate properties", () => {
  it("isVisible (the hot path) always agrees with evaluate().visible", () => {
    const isVisibleAny = isVisible as (m: unknown, u: unknown, c: unknown, n: unknown) => boolean;
    fc.assert(
      fc.property(
        fc.oneof(messageArb as fc.Arbitrary<unknown>, fc.anything()),
        fc.oneof(userArb as fc.Arbitrary<unknown>, fc.anything()),
        fc.oneof(contextArb as fc.Arbitrary<unknown>, fc.anything()),
        nearNow,
        (m, u, c, n) => {
          expect(isVisibleAny(m, u, c, n)).toBe(evaluateAny(m, u, c, n).visible);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws on anything and always returns the full ordered trace", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (m, u, c, n) => {
        expectWellFormed(evaluateAny(m, u, c, n));
      }),
      { numRuns: 500 },
    );
  });

  it("never throws when only some pieces are garbage", () => {
    const maybeGarbage = <T>(arb: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: arb as fc.Arbitrary<unknown> }, fc.anything());
    fc.assert(
      fc.property(
        maybeGarbage(messageArb),
        maybeGarbage(userArb),
        maybeGarbage(contextArb),
        fc.oneof(nearNow, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1)),
        (m, u, c, n) => expectWellFormed(evaluateAny(m, u, c, n)),
      ),
      { numRuns: 500 },
    );
  });

  it("never throws when fields inside well-typed objects are garbage", () => {
    const poked = <T extends object>(arb: fc.Arbitrary<T>) =>
      fc
        .tuple(arb, fc.string(), fc.anything())
        .map(([obj, key, value]) => ({ ...obj, [key.length % 2 ? "frequency" : key]: value }));
    fc.assert(
      fc.property(poked(messageArb), poked(userArb), contextArb, nearNow, (m, u, c, n) =>
        expectWellFormed(evaluateAny(m, u, c, n)),
      ),
    );
  });

  it("returns a well-formed trace for well-typed inputs", () => {
    fc.assert(
      fc.property(messageArb, userArb, contextArb, nearNow, (m, u, c, n) => {
        const result = evaluate(m, u, c, n);
        expectWellFormed(result);
        // Well-typed input never hits the "invalid data" path, except an unparseable date.
        const garbageDate = m.schedule?.startsAt === "garbage";
        for (const check of result.checks) {
          if (!(garbageDate && check.rule === "schedule")) {
            expect(check.reason).not.toMatch(/^invalid data/);
          }
        }
      }),
    );
  });

  it("exempts ignoreBudget messages from every budget rule", () => {
    fc.assert(
      fc.property(messageArb, userArb, contextArb, nearNow, (m, u, c, n) => {
        const result = evaluate({ ...m, ignoreBudget: true }, u, c, n);
        for (const check of result.checks.filter((x) => x.rule.startsWith("budget_"))) {
          expect(check.passed).toBe(true);
        }
      }),
    );
  });

  it("cap day passes exactly when the last terminal is at least 24 h old", () => {
    fc.assert(
      fc.property(userArb, nearNow, (u, lastTerminalAt) => {
        const user = { ...u, history: { ...u.history, lastTerminalAt } };
        const message = { id: "m", status: "active" as const, frequency: { cap: "day" as const } };
        const cap = evaluate(message, user, { segments: {}, topNThreshold: () => 0 }, NOW)
          .checks[3]!;
        expect(cap.rule).toBe("cap");
        expect(cap.passed).toBe(NOW - lastTerminalAt >= DAY);
      }),
    );
  });

  it("maxImpressions passes exactly while impressions < N", () => {
    fc.assert(
      fc.property(userArb, fc.integer({ min: 0, max: 12 }), (u, max) => {
        const message = { id: "m", status: "active" as const, frequency: { maxImpressions: max } };
        const check = evaluate(message, u, { segments: {}, topNThreshold: () => 0 }, NOW)
          .checks[4]!;
        expect(check.passed).toBe(u.history.impressions < max);
      }),
    );
  });

  it("does not read budget history when the product has no budget", () => {
    const user = { distinctId: "u", traits: {}, churnProb: null, history: {} } as never;
    const result = evaluate({ id: "m", status: "active" }, user, { segments: {} } as never, NOW);
    expect(result.checks.filter((c) => c.rule.startsWith("budget_")).every((c) => c.passed)).toBe(
      true,
    );
  });
});
