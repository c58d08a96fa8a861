import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLikelySafeRegex, matchesPath } from "../src/index.js";

describe("matchesPath", () => {
  it("never throws and treats no regex as a match", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (regex, path) => {
        expect(typeof matchesPath(regex, path)).toBe("boolean");
        expect(matchesPath(null, path)).toBe(true);
        expect(matchesPath(undefined, path)).toBe(true);
      }),
    );
    const any = matchesPath as (r: unknown, p: unknown) => boolean;
    fc.assert(fc.property(fc.anything(), fc.anything(), (r, p) => void any(r, p)));
  });
});

// Ordinary path patterns, assembled from the pieces people write.
const segment = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
  fc.constantFrom("[^/]+", "\\d+", "[a-z0-9-]+", "(en|fr|de)", "(?:settings|billing)"),
);
const pathRegex = fc
  .tuple(
    fc.boolean(),
    fc.array(segment, { minLength: 1, maxLength: 5 }),
    fc.constantFrom("", "$", "/?$", "(/.*)?$"),
  )
  .map(([anchored, segs, end]) => `${anchored ? "^" : ""}/${segs.join("/")}${end}`);

describe("isLikelySafeRegex", () => {
  it("never throws, and only calls compilable patterns safe", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (src) => {
        const r = isLikelySafeRegex(src);
        if (r.safe) expect(() => new RegExp(src)).not.toThrow();
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
    const any = isLikelySafeRegex as (s: unknown) => unknown;
    fc.assert(fc.property(fc.anything(), (x) => void any(x)));
  });

  it("fuzzes regex-like syntax without throwing", () => {
    const token = fc.constantFrom(
      ..."()[]{}|*+?.^$\\-,:=!<>".split(""),
      "a",
      "b",
      "/",
      "\\d",
      "\\w",
      "\\1",
      "(?:",
      "(?<n>",
      "{2,}",
      "[^/]",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 20 }), (tokens) => {
        const r = isLikelySafeRegex(tokens.join(""));
        if (r.safe) expect(() => new RegExp(tokens.join(""))).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts ordinary path patterns", () => {
    fc.assert(
      fc.property(pathRegex, (src) => {
        expect(isLikelySafeRegex(src)).toEqual({ safe: true });
      }),
    );
  });

  it.each([
    ["(a+)+", "nested quantifiers"],
    ["(a|ab)*", "same character"],
    ["(a|)*", "empty string"],
    ["\\d+\\d+", "adjacent quantifiers"],
    ["(a)\\1", "backreferences"],
    ["(?<=a)b", "lookbehind"],
    ["a(?!b)", "lookahead"],
    ["(", "not a valid regular expression"],
    ["a".repeat(513), "longer than 512"],
  ])("rejects %s with a reason", (src, reason) => {
    const r = isLikelySafeRegex(src);
    expect(r.safe).toBe(false);
    expect(r.safe ? "" : r.reason).toContain(reason);
  });

  it("patterns it calls safe run fast on adversarial paths", () => {
    const token = fc.constantFrom(
      ..."()|*+?.$^/ab".split(""),
      "(?:",
      "{2,}",
      "\\d",
      "\\w",
      "[ab]",
      "[^/]",
    );
    const inputs = ["a".repeat(40), "ab".repeat(20), "a/".repeat(20), "/".repeat(40)].map(
      (s) => `${s}!`,
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 24 }), (tokens) => {
        const src = tokens.join("");
        if (!isLikelySafeRegex(src).safe) return;
        const re = new RegExp(src);
        for (const input of inputs) {
          const start = performance.now();
          re.test(input);
          expect(performance.now() - start).toBeLessThan(250);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("stays fast on the catastrophic patterns it rejects", () => {
    const start = performance.now();
    for (let i = 0; i < 200; i++) isLikelySafeRegex(`(${"(a|b)*".repeat(40)})*`.slice(0, 512));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
