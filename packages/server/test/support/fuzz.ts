import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";

export type Json = Record<string, unknown>;

/**
 * Runs per fuzzed property: 1,000 in CI (`npm test`), or NUDGE_FUZZ_RUNS (`npm run fuzz` sets
 * 10,000). The seed is fixed so a failure reproduces; NUDGE_FUZZ_SEED explores other inputs.
 */
export const fuzzRuns = Number(process.env.NUDGE_FUZZ_RUNS) || 1000;
export const fuzzSeed = Number(process.env.NUDGE_FUZZ_SEED) || 20_260_601;
/** Per property: generous for a shared 2-core machine (argon2 routes take ~40 ms a call). */
export const fuzzTimeout = 120_000 + fuzzRuns * 150;

/** Keys that pollute prototypes if a parser or merge assigns them naively. */
export const pollutionKeys = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
];

/** Deeply nested filters: recursion in validation or evaluation must not blow the stack. */
const deepFilter = fc
  .tuple(fc.integer({ min: 9, max: 600 }), fc.constantFrom("and", "or", "not"))
  .map(([depth, op]) => {
    let node: unknown = { trait: "plan", op: "eq", value: "pro" };
    for (let i = 0; i < depth; i++) node = op === "not" ? { not: node } : { [op]: [node] };
    return node;
  });

/** Values worth putting anywhere: junk JSON, binary strings, huge strings, boundary numbers. */
export const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => "é".repeat(n)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      ...[null, true, false, 0, -1, 1.5, 301, 1e308, -1e308, 2 ** 53 + 2, "", " ", "\u0000"],
      ...["\ud800", "\u202e", "javascript:alert(1)", "(a+)+$", "#12", "2026-13-45", [], {}],
      ...[{ type: "tooltip" }, [{ type: "modal" }], "seg_", { trait: "x", op: "in" }],
      ...["msg_", "prd_x", "pk_x", "sk_x", "acc_x", -0.0001, 10_001, "1e3", "NaN"],
    ),
  },
  { weight: 1, arbitrary: deepFilter },
);

export type Mutation =
  | { kind: "drop"; path: string[] }
  | { kind: "set"; path: string[]; value: unknown };

/** Drops or sets a key under one of `sections` (paths into the body), or replaces a section. */
export function mutationOf(sections: string[][], knownKeys: string[]): fc.Arbitrary<Mutation> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...knownKeys) },
    { weight: 2, arbitrary: fc.constantFrom(...pollutionKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const nested = sections.filter((s) => s.length > 0);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...sections), key)
      .map(([s, k]): Mutation => ({ kind: "drop", path: [...s, k] })),
    fc
      .tuple(fc.constantFrom(...sections), key, value)
      .map(([s, k, v]): Mutation => ({ kind: "set", path: [...s, k], value: v })),
    ...(nested.length === 0
      ? []
      : [
          fc
            .tuple(fc.constantFrom(...nested), value)
            .map(([s, v]): Mutation => ({ kind: "set", path: s, value: v })),
        ]),
  );
}

const define = (node: Json, key: string, v: unknown) =>
  Object.defineProperty(node, key, {
    value: v,
    enumerable: true,
    writable: true,
    configurable: true,
  });

/** Sets (as an own, enumerable property, even `__proto__`) or deletes along a path. */
export function apply(base: unknown, mutations: Mutation[]): unknown {
  const root = { body: structuredClone(base) } as Json;
  for (const m of mutations) {
    const path = ["body", ...m.path];
    let node: Json = root;
    for (const step of path.slice(0, -1)) {
      const next = node[step];
      if (next === null || typeof next !== "object") define(node, step, {});
      node = node[step] as Json;
    }
    const last = path[path.length - 1]!;
    if (m.kind === "drop") delete node[last];
    else define(node, last, m.value);
  }
  return root.body;
}

/** Every object or array path inside `body` (the root is `[]`), and every key seen. */
export function shapeOf(body: unknown): { sections: string[][]; keys: string[] } {
  const sections: string[][] = [];
  const keys = new Set<string>();
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== "object") return;
    sections.push(path);
    for (const [k, v] of Object.entries(node)) {
      keys.add(k);
      walk(v, [...path, k]);
    }
  };
  walk(body, []);
  if (sections.length === 0) sections.push([]);
  return { sections, keys: keys.size > 0 ? [...keys] : ["id"] };
}

/** A body as sent on the wire, reported by fast-check in brief (counterexamples can be huge). */
export interface Wire {
  text: string;
  [fc.toStringMethod]: () => string;
}
export function wire(text: string): Wire {
  let depth = 0;
  let deepest = 0;
  let deepestAt = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{" || ch === "[") {
      if (++depth > deepest) [deepest, deepestAt] = [depth, i];
    } else if (ch === "}" || ch === "]") depth--;
  }
  const brief =
    text.length <= 400
      ? text
      : `${text.slice(0, 160)} … ${text.slice(Math.max(160, deepestAt - 80), deepestAt + 40)} …`;
  return {
    text,
    [fc.toStringMethod]: () => `(${text.length} chars, nesting ${deepest}) ${brief}`,
  };
}

/** Nesting too deep to build as objects (JSON.stringify would overflow), written as text. */
export const deepText = fc
  .tuple(
    fc.integer({ min: 10, max: 20_000 }),
    fc.constantFrom(['{"not":', "}"], ['{"and":[', "]}"], ['{"or":[', "]}"], ["[", "]"]),
  )
  .map(([depth, [open, close]]) => `${open.repeat(depth)}{"a":1}${close.repeat(depth)}`);

/** Bodies of no particular shape: anything JSON, not JSON at all, nested too deep. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ""),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom("", "{", "[", "null", '{"a":', "\u0000", '{"__proto__":{"polluted":1}}'),
  deepText,
);

/**
 * Never a 500; every refusal is problem+json with a code and an errorId. A status in `allowed`
 * (a page route's 503 while its build output is missing) must still be such a problem.
 */
export function expectWellFormed(res: LightMyRequestResponse, allowed: number[] = []): void {
  if (!allowed.includes(res.statusCode)) {
    expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
  }
  if (res.statusCode >= 400) {
    expect(res.headers["content-type"], res.body).toContain("application/problem+json");
    const problem = res.json() as Json;
    expect(problem.status).toBe(res.statusCode);
    expect(typeof problem.code, res.body).toBe("string");
    expect(typeof problem.errorId, res.body).toBe("string");
  } else if (res.statusCode < 300 && String(res.headers["content-type"]).includes("json")) {
    expect(() => res.json()).not.toThrow();
  }
}

/** Collects unhandled rejections while fuzzing: each one is a crash waiting to happen. */
export function rejectionTracker() {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  return {
    rejections,
    start: () => process.on("unhandledRejection", onRejection),
    stop: () => process.off("unhandledRejection", onRejection),
  };
}

/** No unhandled rejection so far, and no prototype polluted by a fuzzed key. */
export function expectNoSideEffects(rejections: unknown[]): void {
  expect(rejections).toEqual([]);
  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
    expect(Object.keys(proto)).toEqual([]);
  }
  expect(({} as Json).polluted).toBeUndefined();
}
