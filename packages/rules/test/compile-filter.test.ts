import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFilter, matchFilter } from "../src/index.js";
import { filterArb, looseLeafArb, traitsArb } from "./arbitraries.js";

const matchAny = matchFilter as (filter: unknown, traits: unknown) => boolean;
const compileAny = compileFilter as (filter: unknown) => (traits: unknown) => boolean;

// Malformed nodes mixed into well-formed trees: a bad branch anywhere must fail the whole filter.
const mixedTree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    filterArb,
    looseLeafArb,
    fc.anything(),
    fc.record({ and: fc.oneof(fc.array(tie("node"), { maxLength: 3 }), fc.anything()) }),
    fc.record({ or: fc.oneof(fc.array(tie("node"), { maxLength: 3 }), fc.anything()) }),
    fc.record({ not: tie("node") }),
    fc.record({ and: fc.array(tie("node"), { maxLength: 2 }), trait: fc.constant("plan") }),
  ),
})).node;

describe("compileFilter", () => {
  it("agrees with matchFilter on well-formed filters", () => {
    fc.assert(
      fc.property(filterArb, traitsArb, (filter, traits) => {
        expect(compileFilter(filter)(traits)).toBe(matchFilter(filter, traits));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees with matchFilter on malformed trees and non-object traits", () => {
    fc.assert(
      fc.property(mixedTree, fc.oneof(traitsArb, fc.anything()), (filter, traits) => {
        expect(compileAny(filter)(traits)).toBe(matchAny(filter, traits));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees at every comparison boundary", () => {
    const ops = ["gt", "gte", "lt", "lte", "eq", "neq", "before", "after"] as const;
    for (const op of ops) {
      for (const seats of [2, 3, 4]) {
        const isDate = op === "before" || op === "after";
        const filter = isDate
          ? { trait: "at", op, value: "2026-01-02T00:00:00Z" }
          : { trait: "seats", op, value: 3 };
        const traits = isDate ? { at: `2026-01-0${seats - 1}T00:00:00Z` } : { seats };
        expect(compileFilter(filter)(traits), `${op} ${seats}`).toBe(matchFilter(filter, traits));
      }
    }
  });

  it("treats null as missing and never coerces", () => {
    const f = compileFilter({
      and: [
        { trait: "plan", op: "neq", value: "pro" },
        { trait: "seats", op: "gt", value: 3 },
      ],
    });
    expect(f({ plan: null, seats: 4 })).toBe(true);
    expect(f({ plan: "pro", seats: 4 })).toBe(false);
    expect(f({ seats: "4" })).toBe(false);
  });

  it("matches no one when any branch is malformed, even under not", () => {
    const f = compileAny({
      not: {
        or: [
          { trait: "plan", op: "exists" },
          { trait: "x", op: "??" },
        ],
      },
    });
    expect(f({})).toBe(false);
    expect(f({ plan: "pro" })).toBe(false);
  });
});
