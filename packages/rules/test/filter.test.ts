import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFilter, type Filter, MAX_FILTER_DEPTH, matchFilter } from "../src/index.js";
import { filterArb, looseLeafArb, traitsArb } from "./arbitraries.js";

const matchAny = matchFilter as (filter: unknown, traits: unknown) => boolean;

describe("matchFilter properties", () => {
  it("never throws on anything and always returns a boolean", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (filter, traits) => {
        expect(typeof matchAny(filter, traits)).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on filter-shaped garbage", () => {
    const garbageTree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        looseLeafArb,
        fc.anything(),
        fc.record({ and: fc.oneof(fc.array(tie("node")), fc.anything()) }),
        fc.record({ or: fc.oneof(fc.array(tie("node")), fc.anything()) }),
        fc.record({ not: tie("node") }),
      ),
    })).node;
    fc.assert(
      fc.property(garbageTree, fc.oneof(traitsArb, fc.anything()), (filter, traits) => {
        expect(typeof matchAny(filter, traits)).toBe("boolean");
      }),
    );
  });

  it("well-formed filters are always valid", () => {
    fc.assert(
      fc.property(filterArb, traitsArb, (filter, traits) => {
        expect(checkFilter(filter, traits).valid).toBe(true);
      }),
    );
  });

  it("not negates, and and/or obey De Morgan, for well-formed filters", () => {
    fc.assert(
      fc.property(filterArb, filterArb, traitsArb, (a, b, traits) => {
        const m = (f: Filter) => matchFilter(f, traits);
        expect(m({ not: a })).toBe(!m(a));
        expect(m({ not: { and: [a, b] } })).toBe(m({ or: [{ not: a }, { not: b }] }));
        expect(m({ and: [a, b] })).toBe(m(a) && m(b));
        expect(m({ or: [a, b] })).toBe(m(a) || m(b));
      }),
    );
  });

  it("a malformed part fails the whole filter, even under not", () => {
    fc.assert(
      fc.property(filterArb, traitsArb, (good, traits) => {
        const bad = { trait: "plan", op: "bogus" } as unknown as Filter;
        expect(matchFilter({ or: [good, bad] }, traits)).toBe(false);
        expect(matchFilter({ not: { and: [good, bad] } }, traits)).toBe(false);
      }),
    );
  });
});

describe("matchFilter details", () => {
  const deep = (levels: number): Filter => {
    let f: Filter = { trait: "plan", op: "exists" };
    for (let i = 1; i < levels; i++) f = { not: { not: f } };
    return f;
  };

  it("limits nesting depth", () => {
    expect(MAX_FILTER_DEPTH).toBe(32);
    expect(matchFilter(deep(16), { plan: "pro" })).toBe(true); // 31 levels
    expect(matchFilter(deep(17), { plan: "pro" })).toBe(false); // 33 levels
    expect(matchFilter(deep(10_000), { plan: "pro" })).toBe(false); // no stack overflow
  });

  it("reports where a filter is malformed", () => {
    const r = checkFilter(
      {
        and: [
          { trait: "a", op: "exists" },
          { trait: "b", op: "gt" },
        ],
      },
      {},
    );
    expect(r).toEqual({ valid: false, error: "filter.and[1]: gt needs a finite number value" });
    expect(checkFilter({ trait: "a", op: "like" }, {})).toEqual({
      valid: false,
      error: 'filter.op "like" is not a known operator',
    });
  });

  it("ignores inherited properties of traits", () => {
    const traits = Object.create({ plan: "pro" }) as Record<string, unknown>;
    expect(matchFilter({ trait: "plan", op: "eq", value: "pro" }, traits)).toBe(false);
    expect(matchFilter({ trait: "toString", op: "exists" }, {})).toBe(false);
  });

  it("does not read a missing trait's value as undefined equality", () => {
    expect(matchFilter({ trait: "x", op: "in", value: [] }, {})).toBe(false);
    expect(matchFilter({ trait: "x", op: "nin", value: ["a"] }, { x: null })).toBe(true);
  });
});
