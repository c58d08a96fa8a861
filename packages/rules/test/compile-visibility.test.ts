import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planOf } from "../src/compile-visibility.js";
import { compileAudience, compileVisibility, isVisible } from "../src/index.js";
import type { EvalContext, RuleMessage, UserState } from "../src/types.js";
import { contextArb, messageArb, nearNow, userArb } from "./arbitraries.js";

const isVisibleAny = isVisible as (m: unknown, u: unknown, c: unknown, n: unknown) => boolean;
const compiledAny = (m: unknown, c: unknown) =>
  compileVisibility(m as RuleMessage, c as EvalContext) as (u: unknown, n: unknown) => boolean;

/** Sets one key of an object to anything: garbage where a well-typed field was expected. */
const poked = <T extends object>(arb: fc.Arbitrary<T>, keys: string[]) =>
  fc
    .tuple(arb, fc.constantFrom(...keys), fc.anything())
    .map(([obj, key, value]) => ({ ...obj, [key]: value }));

describe("compileVisibility", () => {
  it("agrees with isVisible on well-typed inputs, most of them on the fast path", () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(messageArb, userArb, contextArb, nearNow, (m, u, c, n) => {
        runs++;
        if (planOf(m, c) !== null) fast++;
        expect(compileVisibility(m, c)(u, n)).toBe(isVisible(m, u, c, n));
      }),
      { numRuns: 3000 },
    );
    // Only the active messages of messageArb (a third) may take it; most of those must.
    expect(fast / runs).toBeGreaterThan(0.2);
  });

  it("agrees with isVisible on a reused predicate across many users and instants", () => {
    fc.assert(
      fc.property(
        messageArb.map((m) => ({ ...m, status: "active" as const })),
        contextArb,
        fc.array(fc.tuple(userArb, nearNow), { minLength: 1, maxLength: 20 }),
        (m, c, calls) => {
          const visible = compileVisibility(m, c);
          for (const [u, n] of calls) expect(visible(u, n)).toBe(isVisible(m, u, c, n));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("agrees with isVisible when fields inside well-typed objects are garbage", () => {
    const history = poked(userArb, ["history", "budget", "traits", "churnProb"]);
    const inner = userArb.chain((u) =>
      poked(fc.constant(u.history), [
        "impressions",
        "lastImpressionAt",
        "terminals",
        "lastTerminalAt",
        "lastDismissAt",
        "shownThisSession",
      ]).map((h) => ({ ...u, history: h }) as unknown as UserState),
    );
    const budget = userArb.chain((u) =>
      poked(fc.constant(u.budget), [
        "impressionsLast24h",
        "impressionsLast7d",
        "lastImpressionAt",
      ]).map((b) => ({ ...u, budget: b }) as unknown as UserState),
    );
    const message = poked(
      messageArb.map((m) => ({ ...m, status: "active" as const })),
      ["status", "audience", "frequency", "schedule", "ignoreBudget"],
    );
    const frequency = messageArb.chain((m) =>
      poked(fc.constant({ ...m.frequency }), [
        "cap",
        "maxImpressions",
        "minIntervalHours",
        "dismissDays",
      ]).map((f) => ({ ...m, status: "active" as const, frequency: f })),
    );
    const context = poked(contextArb, ["attentionBudget", "enforcer", "segments", "topNThreshold"]);
    fc.assert(
      fc.property(
        fc.oneof(messageArb as fc.Arbitrary<unknown>, message, frequency),
        fc.oneof(userArb as fc.Arbitrary<unknown>, history, inner, budget),
        fc.oneof(contextArb as fc.Arbitrary<unknown>, context),
        fc.oneof(nearNow, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, "now")),
        (m, u, c, n) => {
          expect(compiledAny(m, c)(u, n)).toBe(isVisibleAny(m, u, c, n));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("agrees with isVisible on anything at all", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (m, u, c, n) => {
        expect(compiledAny(m, c)(u, n)).toBe(isVisibleAny(m, u, c, n));
      }),
      { numRuns: 500 },
    );
  });

  it("takes the audience gate it is given as a necessary condition", () => {
    fc.assert(
      fc.property(messageArb, userArb, contextArb, nearNow, (m, u, c, n) => {
        const gated = compileVisibility(m, c, compileAudience(m.audience, c));
        expect(gated(u, n)).toBe(isVisible(m, u, c, n));
      }),
      { numRuns: 1000 },
    );
  });
});
