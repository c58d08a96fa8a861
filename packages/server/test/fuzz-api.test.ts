import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, type Tenant } from "./support/fixtures.js";
import {
  apply,
  expectNoSideEffects,
  expectWellFormed,
  fuzzTimeout,
  type Json,
  mutationOf,
  fuzzRuns as numRuns,
  rejectionTracker,
  fuzzSeed as seed,
  type Wire,
  wire,
} from "./support/fuzz.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/**
 * The message API in depth: near-valid messages of every trigger and audience shape, mutated.
 * fuzz-routes-api.test.ts fuzzes every route's path, query, headers and body more broadly.
 */

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
const mutation = mutationOf(sections, knownKeys);

const nearValid = fc
  .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 0, maxLength: 4 }))
  .map(([base, mutations]) => apply(base, mutations) as Json);

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
  const tracker = rejectionTracker();

  beforeAll(async () => {
    tracker.start();
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
    tracker.stop();
    await t.close();
  });

  const send = (method: "POST" | "PUT" | "PATCH", { text: payload }: Wire) =>
    t.app.inject({
      method,
      url: method === "POST" ? url : `${url}/${target.id}`,
      headers: { ...bearer(tenant.secretKey), "content-type": "application/json" },
      payload,
    });

  const expectSettled = () => expectNoSideEffects(tracker.rejections);

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
      expectSettled();
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
      expectSettled();
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
      expectSettled();
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
