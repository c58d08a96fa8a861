import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Arm, assignArm, bucketOf, fnv1a32 } from "../src/index.js";

/** Reference FNV-1a over TextEncoder bytes, to cross-check the hand-written UTF-8 encoder. */
function reference(input: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(input)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

// Any UTF-16 code unit, lone surrogates included.
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
});

describe("fnv1a32", () => {
  it("matches the spec vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("hashes lone surrogates as U+FFFD, like TextEncoder", () => {
    expect(fnv1a32("a\ud800b")).toBe(fnv1a32("a\ufffdb"));
    expect(fnv1a32("\udc00")).toBe(fnv1a32("\ufffd"));
    expect(fnv1a32("\ud83c\udf89")).toBe(fnv1a32("🎉"));
  });

  it("equals FNV-1a over TextEncoder bytes for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => fnv1a32(s) === reference(s)));
    fc.assert(fc.property(anyUnits, (s) => fnv1a32(s) === reference(s)));
  });

  it("is an unsigned 32-bit integer", () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        const h = fnv1a32(s);
        return Number.isInteger(h) && h >= 0 && h <= 0xffffffff;
      }),
    );
  });
});

describe("bucketOf", () => {
  it("is in [0, 1) with 4 decimal places", () => {
    fc.assert(
      fc.property(anyUnits, anyUnits, (flag, id) => {
        const b = bucketOf(flag, id);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(1);
        expect(Math.round(b * 10000) / 10000).toBe(b);
      }),
    );
  });

  it("hashes flagKey + ':' + distinctId", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (flag, id) => {
        expect(bucketOf(flag, id)).toBe((fnv1a32(`${flag}:${id}`) % 10000) / 10000);
      }),
    );
  });
});

const bucketArb = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);
const keys = ["a", "b", "c", "d", "e"];
const armsArb = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true })), {
    minLength: 1,
    maxLength: 5,
  })
  .map((weights): Arm[] => weights.map((weight, i) => ({ key: keys[i]!, weight })));

describe("assignArm", () => {
  it("gives a 100-weight arm everyone and a 0-weight arm no one", () => {
    fc.assert(
      fc.property(armsArb, fc.nat(4), bucketArb, (arms, winner, bucket) => {
        const i = winner % arms.length;
        const applied = arms.map((a, j) => ({ ...a, weight: j === i ? 100 : 0 }));
        expect(assignArm(applied, bucket)).toBe(arms[i]!.key);
      }),
    );
  });

  it("never assigns a 0-weight arm and returns null only without positive weights", () => {
    fc.assert(
      fc.property(armsArb, bucketArb, (arms, bucket) => {
        const got = assignArm(arms, bucket);
        const positive = arms.filter((a) => a.weight > 0).map((a) => a.key);
        if (positive.length === 0) expect(got).toBeNull();
        else expect(positive).toContain(got);
      }),
    );
  });

  it("splits the 10000 buckets in proportion to integer weights", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }),
        (weights) => {
          const sum = weights.reduce((x, y) => x + y, 0);
          fc.pre(sum > 0);
          const arms = weights.map((weight, i) => ({ key: keys[i]!, weight }));
          const counts = new Map<string, number>();
          for (let n = 0; n < 10000; n++) {
            const key = assignArm(arms, n / 10000)!;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          arms.forEach((arm) => {
            const expected = (arm.weight / sum) * 10000;
            expect(Math.abs((counts.get(arm.key) ?? 0) - expected)).toBeLessThanOrEqual(1);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it("takes consecutive ranges in declared order", () => {
    fc.assert(
      fc.property(armsArb, bucketArb, bucketArb, (arms, x, y) => {
        fc.pre(arms.some((a) => a.weight > 0));
        const index = (b: number) => arms.findIndex((a) => a.key === assignArm(arms, b));
        if (x <= y) expect(index(x)).toBeLessThanOrEqual(index(y));
      }),
    );
  });

  it("fails closed on garbage", () => {
    const any = assignArm as (arms: unknown, bucket: unknown) => string | null;
    fc.assert(fc.property(fc.anything(), fc.anything(), (arms, b) => void any(arms, b)));
    expect(any(null, 0.5)).toBeNull();
    expect(any([{ key: "a", weight: 1 }], Number.NaN)).toBeNull();
    expect(any([{ key: "a", weight: Number.POSITIVE_INFINITY }], 0.1)).toBeNull();
    expect(
      any(
        [
          { key: 1, weight: 1 },
          { key: "b", weight: 1 },
        ],
        0,
      ),
    ).toBe("b");
  });
});
