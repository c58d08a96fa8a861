import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, login } from "./support/fixtures.js";
import {
  apply,
  expectNoSideEffects,
  expectWellFormed,
  fuzzRuns,
  fuzzSeed,
  fuzzTimeout,
  junkText,
  mutationOf,
  rejectionTracker,
  shapeOf,
  wire,
} from "./support/fuzz.js";
import { type Creds, type Fixtures, type Target, targetsOf } from "./support/fuzz-targets.js";
import {
  adminRoutes,
  freshIds,
  nonAdminRoutes,
  pageRoutes,
  registeredRoutes,
  routeName,
} from "./support/route-table.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** The dashboard's 503 HTML page for a browser while its build output is missing. */
const isNotBuiltPage = (res: { statusCode: number; headers: Record<string, unknown> }) =>
  res.statusCode === 503 && String(res.headers["content-type"]).startsWith("text/html");

/**
 * Every route of the route table, fuzzed: each run breaks at least one of the path parameters,
 * the query string, the headers (credentials, content type, origin…) and the body of an
 * otherwise valid request. Whatever arrives, the answer is below 500, every 4xx is problem+json,
 * no promise is left rejected, no prototype polluted, and the server still answers afterwards.
 * `npm run fuzz` runs 10,000 cases per route instead of 1,000.
 */

type Part = "path" | "query" | "headers" | "body";

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, as the UTF-8 bytes a client might still send
  }
};

/** Path segments: junk, traversal, bad percent-encoding, over-long, other tenants' id shapes. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }).map(encode) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }).map(encode) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...["msg_", "prd_0", "seg_x", "exp_1", "acc_1", "key_1", "org_1", "0", "-1", "null"],
      ...["%00", "%ZZ", "%", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%E2%80%AE", "%20", "+"],
      ...["__proto__", "constructor", "a".repeat(201), "x".repeat(5000), "%C0%AF", ".env"],
    ),
  },
);

const queryKey = fc.oneof(
  fc.constantFrom(
    ...["distinct_id", "user_id", "trigger", "status", "limit", "cursor", "path", "event"],
    ...["api_key", "user_hash", "token", "key", "id", "__proto__", "constructor[prototype][x]"],
    ...["distinct_id[]", "a[b][c]", "limit[$gt]"],
  ),
  fc.string({ maxLength: 10 }).map(encode),
);
const queryValue = fc.oneof(
  segment,
  fc.constantFrom(
    ...["", "-1", "0", "1e309", "NaN", "active", "draft", "page", "event", "true", "%ZZ"],
    ...["pk_nope", "sk_nope", "a".repeat(10_000)],
  ),
);
/** A query string: replacing the valid one, or appended to it (duplicate keys included). */
const query = fc.tuple(
  fc.boolean(),
  fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }),
  fc.constantFrom("", "&", "&&", "=", "&=x", "?x=1"),
);

const printable = fc.string({ unit: "grapheme-ascii", maxLength: 60 });
const contentTypes = fc.constantFrom<string | undefined>(
  ...[undefined, "application/json", "text/plain", "application/json; charset=utf-16"],
  ...["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html"],
  ...["application/problem+json", "application/json;;", "*/*", "", "text/plain; charset=latin1"],
);
const extraHeaderNames = [
  ...["origin", "sec-fetch-site", "accept", "accept-encoding", "if-none-match", "range"],
  ...["x-forwarded-for", "x-forwarded-proto", "content-encoding", "accept-language", "referer"],
  ...["if-modified-since", "x-http-method-override", "forwarded"],
];

describe.each(dialects)("fuzzing every route on %s", (dialect) => {
  let t: TestApp;
  let f: Fixtures;
  let targets: Target[];
  const tracker = rejectionTracker();
  /** Answers by route and status class, printed at the end (docs/reliability.md quotes them). */
  const answers = new Map<string, Record<string, number>>();

  beforeAll(async () => {
    tracker.start();
    t = await startTestApp(dialect);
    const tenant = await addTenant(t.services, "fuzz-routes");
    const owner = (await login(t.app, tenant.email, tenant.password)).cookie;
    const spare = (await login(t.app, tenant.email, tenant.password)).cookie;
    const ids = await freshIds(t.app, tenant, bearer(tenant.secretKey), { ownerCookie: owner });
    f = { tenant, ids, owner, spare };
    targets = targetsOf(f);
  });
  afterAll(async () => {
    tracker.stop();
    await t.close();
    const total: Record<string, number> = {};
    for (const counts of answers.values()) {
      for (const [k, n] of Object.entries(counts)) total[k] = (total[k] ?? 0) + n;
    }
    console.log(
      `fuzz-routes on ${dialect}: ${answers.size} routes × ${fuzzRuns} cases, answers ${JSON.stringify(total)}, unhandled rejections ${tracker.rejections.length}`,
    );
  });

  it("has a fuzz target for every route of the route table, which lists every registered one", () => {
    const table = [...adminRoutes.map(routeName), ...nonAdminRoutes].sort();
    expect(targets.map((x) => x.name).sort()).toEqual(table);
    expect(registeredRoutes(t.app)).toEqual(table);
  });

  /** Credentials: none, junk, the wrong kind, a dead session, or the route's own. */
  function credentials(): fc.Arbitrary<Creds> {
    const { tenant, owner, spare } = f;
    return fc.oneof(
      fc.constant({}),
      printable.map((v) => ({ authorization: v })),
      printable.map((v) => ({ authorization: `Bearer ${v}` })),
      printable.map((v) => ({ "x-api-key": v })),
      printable.map((v) => ({ cookie: `nudge_session=${v}` })),
      printable.map((v) => ({ cookie: v })),
      fc.constantFrom<Creds>(
        bearer(tenant.publishableKey),
        bearer(tenant.secretKey),
        { "x-api-key": tenant.publishableKey },
        { cookie: owner },
        { cookie: spare },
        { authorization: `Bearer ${tenant.secretKey}`, cookie: owner },
        { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` },
      ),
    );
  }

  function requests(target: Target) {
    const { sections, keys } = shapeOf(target.body);
    const nearValid =
      target.body === undefined
        ? junkText
        : fc
            .array(mutationOf(sections, keys), { minLength: 1, maxLength: 4 })
            .map((m) => JSON.stringify(apply(target.body, m)) ?? "");
    const paramNames = Object.keys(target.params);
    // Every case breaks something: the path only counts where the route has parameters.
    const parts: Part[] =
      paramNames.length > 0 ? ["path", "query", "headers", "body"] : ["query", "headers", "body"];
    return fc.record({
      parts: fc.subarray(parts, { minLength: 1 }),
      params: fc.array(segment, { minLength: paramNames.length, maxLength: paramNames.length }),
      query,
      credentials: fc.option(credentials(), { nil: undefined }),
      contentType: contentTypes,
      extra: fc.dictionary(fc.constantFrom(...extraHeaderNames), printable, { maxKeys: 3 }),
      body: fc
        .oneof({ weight: 3, arbitrary: nearValid }, { weight: 1, arbitrary: junkText })
        .map(wire),
    });
  }

  type Case = ReturnType<typeof requests> extends fc.Arbitrary<infer C> ? C : never;

  /** The request of case `c`; without one, the intact request. */
  function build(target: Target, c?: Case) {
    const fuzz = (p: Part): boolean => c?.parts.includes(p) ?? false;
    const names = Object.keys(target.params);
    const param = (name: string) =>
      c && fuzz("path") ? c.params[names.indexOf(name)]! : encode(target.params[name]!);
    let path = target.route.replace(/:(\w+)/g, (_m, name: string) => param(name));
    if (path.endsWith("*")) {
      const rest = c && fuzz("path") ? c.params[names.indexOf("*")]! : target.params["*"]!;
      path = path.slice(0, -1) + rest;
    }
    let qs = target.query;
    if (c && fuzz("query")) {
      const [append, pairs, tail] = c.query;
      const fuzzed = pairs.map(([k, v]) => `${k}=${v}`).join("&") + tail;
      qs = append && qs ? `${qs}&${fuzzed}` : fuzzed;
    }
    const headers: Creds = { ...target.headers };
    let contentType: string | undefined = target.contentType;
    if (c && fuzz("headers")) {
      if (c.credentials !== undefined) {
        for (const k of ["authorization", "x-api-key", "cookie"]) delete headers[k];
        Object.assign(headers, c.credentials);
      }
      contentType = c.contentType;
      Object.assign(headers, c.extra);
    }
    let payload: string | undefined =
      target.body === undefined ? undefined : JSON.stringify(target.body);
    if (c && fuzz("body")) payload = c.body.text;
    if (payload !== undefined && contentType !== undefined) headers["content-type"] = contentType;
    return { method: target.method, url: qs ? `${path}?${qs}` : path, headers, payload };
  }

  const names = [...adminRoutes.map(routeName), ...nonAdminRoutes];
  it.each(names)(
    `answers ${fuzzRuns} broken requests to %s below 500, every 4xx problem+json`,
    async (name) => {
      const target = targets.find((x) => x.name === name)!;
      // Page routes read their build output on each request and answer 503 `unavailable` while
      // it is missing, as it is for a moment whenever `npm run build` runs alongside the tests.
      const allowed = pageRoutes.includes(name) ? [503] : [];
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(requests(target), async (c) => {
          const request = build(target, c);
          const res = await send(request);
          cases++;
          const counts = answers.get(name) ?? {};
          const bucket = allowed.includes(res.statusCode)
            ? "503 (build output missing)"
            : `${Math.floor(res.statusCode / 100)}xx`;
          counts[bucket] = (counts[bucket] ?? 0) + 1;
          answers.set(name, counts);
          if (allowed.includes(res.statusCode) && isNotBuiltPage(res)) {
            // A browser asking for the dashboard before `npm run build` gets a page saying so.
            expect(res.body).toContain("npm run build");
            expect(res.headers["cache-control"]).toBe("no-store");
            return;
          }
          expectWellFormed(res, allowed);
          if (allowed.includes(res.statusCode))
            expect(res.json()).toMatchObject({ code: "unavailable" });
        }),
        { seed: fuzzSeed + names.indexOf(name), numRuns: fuzzRuns },
      );
      expect(cases).toBeGreaterThanOrEqual(fuzzRuns);
      expectNoSideEffects(tracker.rejections);
      // Still up, and still itself: health answers, the owner's key still works.
      expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
      const product = await t.app.inject({
        url: `/api/v1/products/${f.tenant.productId}`,
        headers: bearer(f.tenant.secretKey),
      });
      expect(product.statusCode, product.body).toBe(200);
    },
    fuzzTimeout,
  );

  function send(r: ReturnType<typeof build>): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: r.method as "GET",
      url: r.url,
      headers: r.headers,
      ...(r.payload === undefined ? {} : { payload: r.payload }),
    });
  }
});
