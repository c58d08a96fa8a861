import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

type Json = Record<string, unknown>;

const seed = 20_260_601;
const numRuns = 1000;
const fuzzTimeout = 180_000;

/** Valid messages of every trigger and audience shape: the starting points of mutations. */
const bases: Json[] = [
  buildMessage({
    status: "active",
    audience: {
      type: "traits",
      filter: {
        and: [
          { trait: "plan", op: "in", value: ["pro", "team"] },
          { not: { trait: "signedUpAt", op: "before", value: "2026-01-01T00:00:00Z" } },
        ],
      },
    },
    appearance: {
      position: "bottom",
      theme: "dark",
      backgroundColor: "#112233",
      textColor: "#fff",
    },
    frequency: { cap: "day", maxImpressions: 3, minIntervalHours: 1, dismissDays: 7 },
    schedule: { startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-01-01T00:00:00Z" },
    priority: 70,
  }),
  buildMessage({
    trigger: { type: "event", event: "$click", urlRegex: "^/settings", delaySeconds: 0 },
    audience: { type: "score", churnProbGt: 0.5, topN: 100 },
    steps: [
      {
        type: "slideout",
        body: "Rich",
        dismissible: false,
        content: {
          root: { props: { title: "Hi" } },
          content: [
            { type: "Heading", props: { id: "h", text: "Hello", level: 2 } },
            { type: "Button", props: { id: "b", label: "Go", href: "/go" } },
            {
              type: "Columns",
              props: { id: "c", columns: [[{ type: "Text", props: { id: "t", text: "x" } }]] },
            },
          ],
        },
      },
    ],
  }),
  buildMessage({
    trigger: { type: "milestone", milestone: "onboarded" },
    audience: { type: "segment", segmentId: "seg_abc123" },
  }),
  buildMessage({ trigger: { type: "manual" }, audience: null, ignoreBudget: true }),
];

const sections: string[][] = [
  [],
  ["trigger"],
  ["audience"],
  ["audience", "filter"],
  ["audience", "filter", "and", "0"],
  ["frequency"],
  ["appearance"],
  ["schedule"],
  ["steps"],
  ["steps", "0"],
  ["steps", "1"],
  ["steps", "21"],
  ["steps", "0", "content"],
  ["steps", "0", "content", "content", "0", "props"],
];
const knownKeys = [
  ...["name", "status", "trigger", "audience", "steps", "appearance", "frequency", "schedule"],
  ...["priority", "ignoreBudget", "version", "type", "event", "milestone", "urlRegex"],
  ...["delaySeconds", "churnProbGt", "topN", "segmentId", "filter", "and", "or", "not", "trait"],
  ...["op", "value", "selector", "title", "body", "imageUrl", "ctaText", "ctaUrl", "dismissible"],
  ...["content", "position", "theme", "backgroundColor", "textColor", "cap", "maxImpressions"],
  ...["minIntervalHours", "dismissDays", "startsAt", "endsAt", "id", "experimentId"],
];
const pollutionKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...knownKeys) },
  { weight: 2, arbitrary: fc.constantFrom(...pollutionKeys) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Deeply nested filters: recursion in validation or evaluation must not blow the stack. */
const deepFilter = fc
  .tuple(fc.integer({ min: 9, max: 600 }), fc.constantFrom("and", "or", "not"))
  .map(([depth, op]) => {
    let node: unknown = { trait: "plan", op: "eq", value: "pro" };
    for (let i = 0; i < depth; i++) node = op === "not" ? { not: node } : { [op]: [node] };
    return node;
  });

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => "é".repeat(n)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      ...[null, true, false, 0, -1, 1.5, 301, 1e308, -1e308, 2 ** 53 + 2, "", " ", "\u0000"],
      ...["\ud800", "\u202e", "javascript:alert(1)", "(a+)+$", "#12", "2026-13-45", [], {}],
      ...[{ type: "tooltip" }, [{ type: "modal" }], "seg_", { trait: "x", op: "in" }],
    ),
  },
  { weight: 1, arbitrary: deepFilter },
);

type Mutation = { kind: "drop"; path: string[] } | { kind: "set"; path: string[]; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...sections), key)
    .map(([s, k]): Mutation => ({ kind: "drop", path: [...s, k] })),
  fc
    .tuple(fc.constantFrom(...sections), key, value)
    .map(([s, k, v]): Mutation => ({ kind: "set", path: [...s, k], value: v })),
  fc.tuple(fc.constantFrom(...sections), value).map(([s, v]): Mutation => {
    return { kind: "set", path: s.length > 0 ? s : ["name"], value: v };
  }),
);

/** Sets (as an own, enumerable property, even `__proto__`) or deletes along a path. */
function apply(base: Json, mutations: Mutation[]): Json {
  const root = structuredClone(base);
  for (const m of mutations) {
    let node: Json = root;
    for (const step of m.path.slice(0, -1)) {
      const next = node[step];
      if (next === null || typeof next !== "object") {
        Object.defineProperty(node, step, {
          value: {},
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      node = node[step] as Json;
    }
    const last = m.path[m.path.length - 1]!;
    if (m.kind === "drop") delete node[last];
    else
      Object.defineProperty(node, last, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return root;
}

const nearValid = fc
  .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 0, maxLength: 4 }))
  .map(([base, mutations]) => apply(base, mutations));

/**
 * Nesting too deep to build as objects (JSON.stringify would overflow): written as text, with
 * the filter (or a junk field) thousands of levels deep inside an otherwise valid message.
 */
const deepText = fc
  .tuple(
    fc.constantFrom(...bases),
    fc.integer({ min: 10, max: 20_000 }),
    fc.constantFrom(['{"not":', "}"], ['{"and":[', "]}"], ['{"or":[', "]}"], ["[", "]"]),
  )
  .map(([base, depth, [open, close]]) => {
    const nested = `${open.repeat(depth)}{"trait":"plan","op":"exists"}${close.repeat(depth)}`;
    return JSON.stringify({ ...base, audience: { type: "traits", filter: "@" } }).replace(
      '"filter":"@"',
      `"filter":${nested}`,
    );
  });

/** A body as sent on the wire, reported by fast-check in brief (counterexamples can be huge). */
interface Wire {
  text: string;
  [fc.toStringMethod]: () => string;
}
function wire(text: string): Wire {
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

/** A request body as sent on the wire; `undefined` becomes an empty body. */
const body = (near: fc.Arbitrary<unknown>): fc.Arbitrary<Wire> =>
  fc
    .oneof(
      { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "") },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 6, arbitrary: near.map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: deepText },
    )
    .map(wire);

describe.each(dialects)("fuzzing the message API on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let url: string;
  let target: { id: string; version: number };
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "fuzz");
    url = `/api/v1/products/${tenant.productId}/messages`;
    const created = await t.app.inject({
      method: "POST",
      url,
      headers: bearer(tenant.secretKey),
      payload: bases[0]!,
    });
    expect(created.statusCode).toBe(201);
    target = json(created);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await t.close();
  });

  const send = (method: "POST" | "PUT" | "PATCH", { text: payload }: Wire) =>
    t.app.inject({
      method,
      url: method === "POST" ? url : `${url}/${target.id}`,
      headers: { ...bearer(tenant.secretKey), "content-type": "application/json" },
      payload,
    });

  /** Never a 500; every refusal is problem+json with a code and an errorId. */
  function expectWellFormed(res: LightMyRequestResponse) {
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode >= 300) {
      expect(res.headers["content-type"], res.body).toContain("application/problem+json");
      const problem = json(res);
      expect(problem.status).toBe(res.statusCode);
      expect(typeof problem.code, res.body).toBe("string");
      expect(typeof problem.errorId, res.body).toBe("string");
    } else if (res.statusCode !== 204) {
      expect(() => res.json()).not.toThrow();
    }
  }

  function expectNoSideEffects() {
    expect(rejections).toEqual([]);
    for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
      expect(Object.keys(proto)).toEqual([]);
    }
    expect(({} as Json).polluted).toBeUndefined();
  }

  /** The version to send: usually the current one (so some saves succeed), sometimes not. */
  const version = fc.oneof(
    { weight: 3, arbitrary: fc.constant<unknown>("current") },
    { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.jsonValue()) },
  );
  const withVersion = (v: unknown, fields: Json) =>
    wire(JSON.stringify({ ...fields, ...{ version: v === "current" ? target.version : v } }));
  const track = (res: LightMyRequestResponse) => {
    if (res.statusCode === 200) target.version = (json(res) as { version: number }).version;
  };

  it(
    `survives ${numRuns} random create bodies`,
    async () => {
      await fc.assert(
        fc.asyncProperty(body(nearValid), async (payload) => {
          expectWellFormed(await send("POST", payload));
        }),
        { seed, numRuns },
      );
      expectNoSideEffects();
    },
    fuzzTimeout,
  );

  it(
    `survives ${numRuns} random replace (PUT) bodies`,
    async () => {
      const replace = fc.oneof(
        { weight: 1, arbitrary: body(nearValid) },
        {
          weight: 3,
          arbitrary: fc.tuple(nearValid, version).map(([fields, v]) => withVersion(v, fields)),
        },
      );
      await fc.assert(
        fc.asyncProperty(replace, async (payload) => {
          const res = await send("PUT", payload);
          expectWellFormed(res);
          track(res);
        }),
        { seed: seed + 1, numRuns },
      );
      expectNoSideEffects();
    },
    fuzzTimeout,
  );

  it(
    `survives ${numRuns} random partial update (PATCH) bodies`,
    async () => {
      const subset = fc
        .tuple(nearValid, fc.array(fc.constantFrom(...knownKeys), { maxLength: 6 }))
        .map(([fields, keys]) =>
          Object.fromEntries(Object.entries(fields).filter(([k]) => keys.includes(k))),
        );
      const patch = fc.oneof(
        { weight: 1, arbitrary: body(nearValid) },
        { weight: 3, arbitrary: fc.tuple(subset, version).map(([f, v]) => withVersion(v, f)) },
        { weight: 1, arbitrary: fc.tuple(nearValid, version).map(([f, v]) => withVersion(v, f)) },
      );
      await fc.assert(
        fc.asyncProperty(patch, async (payload) => {
          const res = await send("PATCH", payload);
          expectWellFormed(res);
          track(res);
        }),
        { seed: seed + 2, numRuns },
      );
      expectNoSideEffects();
      const after = await t.app.inject({
        url: `${url}/${target.id}`,
        headers: bearer(tenant.secretKey),
      });
      expect(after.statusCode).toBe(200);
      expect(json(after).version).toBe(target.version);
    },
    fuzzTimeout,
  );
});
