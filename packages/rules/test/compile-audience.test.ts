import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAudience, compileAudience, type RuleMessage } from "../src/index.js";
import { audienceArb, contextArb, NOW, userArb } from "./arbitraries.js";

type Input = Parameters<typeof checkAudience>[0];

/** As evaluate() runs a rule: bad data fails it rather than throwing. */
function passes(audience: unknown, user: Input["user"], ctx: Input["ctx"]): boolean {
  const message = { id: "m", status: "active", audience } as RuleMessage;
  try {
    return checkAudience({ message, user, ctx, now: NOW }).passed;
  } catch {
    return false;
  }
}

describe("compileAudience", () => {
  it("is exact for well-formed audiences: gate(user) === checkAudience passes", () => {
    fc.assert(
      fc.property(fc.option(audienceArb), userArb, contextArb, (audience, user, ctx) => {
        expect(compileAudience(audience, ctx)(user)).toBe(passes(audience, user, ctx));
      }),
      { numRuns: 5000 },
    );
  });

  it("never excludes a user the audience rule would include, whatever the data", () => {
    const odd = fc.oneof(
      fc.anything(),
      fc.record(
        {
          type: fc.constantFrom("score", "segment", "traits", "x"),
          churnProbGt: fc.anything(),
          topN: fc.anything(),
          segmentId: fc.anything(),
          filter: fc.anything(),
        },
        { requiredKeys: ["type"] },
      ),
    );
    const oddUser = userArb.chain((u) =>
      fc
        .record({
          traits: fc.oneof(fc.constant(u.traits), fc.anything()),
          churnProb: fc.oneof(fc.constant(u.churnProb), fc.anything()),
        })
        .map((x) => ({ ...u, ...x }) as typeof u),
    );
    fc.assert(
      fc.property(odd, oddUser, contextArb, (audience, user, ctx) => {
        if (!compileAudience(audience, ctx)(user)) expect(passes(audience, user, ctx)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("shares one compiled filter per segment", () => {
    const ctx = {
      segments: { s: { trait: "plan", op: "eq", value: "pro" } },
      topNThreshold: () => 0,
    } as const;
    const cache = new Map();
    const a = compileAudience({ type: "segment", segmentId: "s" }, ctx, cache);
    const b = compileAudience({ type: "segment", segmentId: "s" }, ctx, cache);
    expect(cache.size).toBe(1);
    expect(a({ traits: { plan: "pro" }, churnProb: null })).toBe(true);
    expect(b({ traits: { plan: "free" }, churnProb: null })).toBe(false);
  });
});
