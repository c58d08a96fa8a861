import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientCall, clientCalls, clientRoutes } from "./support/client-calls.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, login, type Tenant } from "./support/fixtures.js";
import {
  type AdminRoute,
  adminRoutes,
  callRoute,
  freshIds,
  nonAdminRoutes,
  type RouteIds,
  registeredRoutes,
  routeName,
  urlOf,
} from "./support/route-table.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** Every credential of organization A: each key type, and a session of each role. */
const callers = [
  "A's secret key",
  "A's publishable key",
  "A's owner session",
  "A's editor session",
  "A's viewer session",
] as const;
type Caller = (typeof callers)[number];
const isSession = (c: Caller) => c.endsWith("session");

/** Every admin route × every credential of A, as `[route name, caller, route]`. */
const matrix = adminRoutes.flatMap((r) => callers.map((c) => [routeName(r), c, r] as const));

/** A distinct id B's product knows, and traits only A's calls would give anyone. */
const bravoUser = "bravo-user";
const clientTraits = ["alpha-only-plan"];

/** Ids of the right shapes that exist nowhere: B's must be answered exactly like these. */
const nowhere: RouteIds = {
  organizationId: "org_nowhere0000000000000000",
  productId: "prd_nowhere0000000000000000",
  messageId: "msg_nowhere0000000000000000",
  keyId: "key_nowhere0000000000000000",
  segmentId: "seg_nowhere0000000000000000",
  experimentId: "exp_nowhere0000000000000000",
  accountId: "acc_nowhere0000000000000000",
};
const hasChildId = (r: AdminRoute) => /:(id|keyId|accountId)\b/.test(r.route);
const productScoped = adminRoutes
  .filter((r) => r.scope === "product")
  .map((r) => [routeName(r), r] as const);

describe.each(dialects)("tenant isolation on %s", (dialect) => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let aSession: string;
  let aEditor: string;
  let aViewer: string;
  let bSession: string;
  /** A's own product and organization, with fixtures of their own. */
  let aIds: RouteIds;
  /** B's product, message, segment, key, organization and a member of it. */
  let bIds: RouteIds;
  /** A second product in A's organization, created by A's owner. */
  let a2Ids: RouteIds;
  /** Ids, prefixes, names and emails of B's that A must never see. */
  let bSecrets: string[];
  let bBefore: unknown;

  const headersOf = (caller: Caller): Record<string, string> =>
    ({
      "A's secret key": bearer(a.secretKey),
      "A's publishable key": bearer(a.publishableKey),
      "A's owner session": { cookie: aSession },
      "A's editor session": { cookie: aEditor },
      "A's viewer session": { cookie: aViewer },
    })[caller];
  /** Requests made by the whole matrix, and bytes of answers checked for B's data. */
  const tally = { requests: 0, bytes: 0, allowed: 0 };

  /** Everything B (or, given its id, A2) holds, read with its own credentials. */
  async function snapshot(ids: RouteIds, headers: Record<string, string>, session: string) {
    const read = async (path: string, as = headers) => {
      const res = await t.app.inject({ url: `/api/v1/${path}`, headers: as });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      return res.json();
    };
    const count = async (path: string, as: Record<string, string>) => {
      const filter = { or: clientTraits.map((plan) => ({ trait: "plan", op: "eq", value: plan })) };
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/${path}`,
        headers: as,
        payload: { filter },
      });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      return res.json();
    };
    const product = `products/${ids.productId}`;
    const keys = (await read(`${product}/keys`)) as { items: object[] };
    return {
      product: await read(product),
      messages: await read(`${product}/messages?limit=200`),
      message: await read(`${product}/messages/${ids.messageId}`),
      segments: await read(`${product}/segments`),
      segment: await read(`${product}/segments/${ids.segmentId}`),
      experiment: await read(`${product}/experiments/${ids.experimentId}`),
      identitySecret: await read(`${product}/identity-secret`),
      // last_used_at is bookkeeping written in the background, not tenant data.
      keys: keys.items.map((k) => ({ ...k, lastUsedAt: null })),
      members: await read(`organizations/${ids.organizationId}/members`, { cookie: session }),
      me: await read("me", { cookie: session }),
      // What client calls could touch: counts, event names, users' traits.
      messageStats: await read(`${product}/messages/${ids.messageId}/stats`),
      productStats: await read(`${product}/stats`),
      eventNames: await read(`${product}/event-names`),
      tracedUsers: await count(`${product}/segments/count`, headers),
    };
  }
  const snapshotB = () => snapshot(bIds, bearer(b.secretKey), bSession);
  const snapshotA2 = () => snapshot(a2Ids, { cookie: aSession }, aSession);

  function collectSecrets(value: unknown, into: Set<string>): Set<string> {
    if (typeof value === "string") {
      const ownId = /^(org|prd|msg|seg|key|acc|exp|idv)_/.test(value);
      if (ownId || /bravo/i.test(value)) into.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) collectSecrets(v, into);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "prefix" && typeof v === "string") into.add(v);
        else collectSecrets(v, into);
      }
    }
    return into;
  }

  /** The answer leaks nothing of B's: `instance` only echoes the path the caller sent. */
  function expectNoLeak(res: LightMyRequestResponse, url: string) {
    tally.requests++;
    tally.bytes += res.rawPayload.length;
    let text = res.body;
    if (String(res.headers["content-type"] ?? "").includes("json") && text.length > 0) {
      const { instance, ...rest } = res.json() as Record<string, unknown>;
      if (instance !== undefined) expect(instance).toBe(url.split("?")[0]);
      text = JSON.stringify(rest);
    }
    for (const secret of bSecrets) expect(text, `leaks ${secret}`).not.toContain(secret);
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    a = await addTenant(t.services, "alpha");
    b = await addTenant(t.services, "bravo");
    aSession = (await login(t.app, a.email, a.password)).cookie;
    bSession = (await login(t.app, b.email, b.password)).cookie;
    for (const role of ["editor", "viewer"] as const) {
      const email = `alpha-${role}-${Date.now()}@example.com`;
      const added = await t.app.inject({
        method: "POST",
        url: `/api/v1/organizations/${a.organizationId}/members`,
        headers: { cookie: aSession },
        payload: { email, password: "member password", role },
      });
      expect(added.statusCode, added.body).toBe(201);
      const { cookie } = await login(t.app, email, "member password");
      if (role === "editor") aEditor = cookie;
      else aViewer = cookie;
    }
    const a2 = await t.app.inject({
      method: "POST",
      url: "/api/v1/products",
      headers: { cookie: aSession },
      payload: { name: "Alpha second" },
    });
    expect(a2.statusCode, a2.body).toBe(201);
    const a2Product = json<{ id: string; organizationId: string }>(a2);
    expect(a2Product.organizationId).toBe(a.organizationId);

    aIds = await freshIds(t.app, a, bearer(a.secretKey), { ownerCookie: aSession, label: "Alpha" });
    bIds = await freshIds(t.app, b, bearer(b.secretKey), { ownerCookie: bSession, label: "Bravo" });
    a2Ids = await freshIds(
      t.app,
      { organizationId: a.organizationId, productId: a2Product.id },
      { cookie: aSession },
      { ownerCookie: aSession, accountId: aIds.accountId, label: "Alpha2" },
    );
    const known = await t.app.inject({
      method: "POST",
      url: "/api/v1/identify",
      headers: bearer(b.publishableKey),
      payload: { distinctId: bravoUser, traits: { plan: "pro" } },
    });
    expect(known.statusCode, known.body).toBe(204);
    bBefore = await snapshotB();
    bSecrets = [...collectSecrets(bBefore, new Set([b.email, b.organizationId]))];
    expect(bSecrets).toEqual(
      expect.arrayContaining([bIds.productId, bIds.messageId, bIds.segmentId, bIds.keyId]),
    );
    expect(bSecrets).toEqual(
      expect.arrayContaining([bIds.experimentId, bIds.accountId, "bravo org", b.email]),
    );
  });
  afterAll(async () => {
    console.log(
      `tenancy matrix on ${dialect}: ${tally.requests} calls with B's ids or data, ${tally.bytes} bytes of answers searched for ${bSecrets.length} of B's values, ${tally.allowed} allowed`,
    );
    await t.close();
  });

  it("has a row for every route the app registers", () => {
    const inTable = [...adminRoutes.map(routeName), ...nonAdminRoutes].sort();
    expect(registeredRoutes(t.app)).toEqual(inTable);
  });

  /** What A gets for the same call against its own organization: the no-oracle baseline. */
  async function ownOrganizationAnswer(r: AdminRoute, caller: Caller) {
    const res = await callRoute(t.app, r, { ...aIds, accountId: "acc_0" }, headersOf(caller));
    return { status: res.statusCode, code: (res.json() as { code?: string }).code };
  }

  it.each(matrix)(
    "%s with %s on B's ids → refused as if B did not exist, leaking and changing nothing",
    async (_n, caller, r) => {
      const url = urlOf(r, bIds);
      const res = await callRoute(t.app, r, bIds, headersOf(caller));
      if (res.statusCode < 300) tally.allowed++;
      if (caller === "A's publishable key") {
        // A publishable key reaches no admin route at all, whoever's ids it names.
        expect(res.statusCode, res.body).toBe(403);
        expect(json(res)).toMatchObject({ code: "forbidden" });
      } else if (r.scope === "product" || (r.scope === "organization" && isSession(caller))) {
        expect(res.statusCode, res.body).toBe(404);
        expect(json(res)).toMatchObject({ code: "not_found" });
      } else if (r.scope === "organization") {
        // Keys never reach organizations: the same refusal whichever organization is named.
        expect(res.statusCode).not.toBeLessThan(300);
        const own = await ownOrganizationAnswer(r, caller);
        expect({ status: res.statusCode, code: json(res).code }).toEqual(own);
      } else {
        expect(res.statusCode, res.body).toBe(
          r.sessionOnly && caller === "A's secret key" ? 403 : r.ok,
        );
      }
      expectNoLeak(res, url);
      expect(await snapshotB()).toEqual(bBefore);
    },
  );

  it.each(matrix.filter(([, , r]) => hasChildId(r)))(
    "%s with %s on A's own path but B's child id → 404",
    async (_n, caller, r) => {
      const { organizationId, productId } = aIds;
      const target = { ...bIds, organizationId, productId };
      const res = await callRoute(t.app, r, target, headersOf(caller));
      if ((r.sessionOnly && caller === "A's secret key") || caller === "A's publishable key") {
        expect(res.statusCode, res.body).toBe(403);
      } else if (caller === "A's viewer session" && (r.write || r.editorOnly)) {
        // Refused for the role before any id is looked up: the same answer for any child id.
        expect(res.statusCode, res.body).toBe(403);
        const own = await callRoute(
          t.app,
          r,
          { ...nowhere, organizationId, productId },
          headersOf(caller),
        );
        expect(own.statusCode).toBe(403);
      } else if (r.ownerOnly && caller !== "A's owner session") {
        expect(res.statusCode, res.body).toBe(403);
      } else {
        expect(res.statusCode, res.body).toBe(404);
        expect(json(res)).toMatchObject({ code: "not_found" });
      }
      expectNoLeak(res, urlOf(r, target));
      expect(await snapshotB()).toEqual(bBefore);
    },
  );

  it.each(matrix)(
    "%s with %s: B's ids are answered exactly like ids that exist nowhere",
    async (_n, caller, r) => {
      const headers = headersOf(caller);
      const real = await callRoute(t.app, r, bIds, headers);
      const fake = await callRoute(t.app, r, nowhere, headers);
      expectNoLeak(real, urlOf(r, bIds));
      const answer = (res: LightMyRequestResponse) => ({
        status: res.statusCode,
        code: res.statusCode >= 400 ? json(res).code : undefined,
        detail: res.statusCode >= 400 ? json(res).detail : undefined,
      });
      if (r.scope !== "caller") expect(answer(real)).toEqual(answer(fake));
      expect(await snapshotB()).toEqual(bBefore);
    },
  );

  describe("client routes", () => {
    const clientMatrix = clientRoutes.flatMap((r) => callers.map((c) => [r, c] as const));

    it("has a row for every client route", () => {
      expect(Object.keys(clientCalls).sort()).toEqual([...clientRoutes].sort());
    });

    it.each(clientMatrix)(
      "%s with %s aimed at B → refused as if B did not exist, or kept in A's product",
      async (name, caller) => {
        const call = (ids: RouteIds) => clientCall(name, ids, bravoUser, clientTraits[0]!);
        const real = { ...call(bIds), headers: headersOf(caller) };
        const res = await t.app.inject(real);
        const fake = await t.app.inject({ ...call(nowhere), headers: headersOf(caller) });
        if (res.statusCode < 300) tally.allowed++;
        if (isSession(caller)) {
          // Client routes take a product's key, never a dashboard session.
          expect(res.statusCode, res.body).toBe(401);
        } else if (name.includes(":id")) {
          expect(res.statusCode, res.body).toBe(404);
        } else {
          // Allowed, but on A's product: B's counts, event names and users do not move.
          expect(res.statusCode, res.body).toBeLessThan(300);
        }
        expect({
          status: res.statusCode,
          body: res.statusCode < 300 ? null : json(res).detail,
        }).toEqual({
          status: fake.statusCode,
          body: fake.statusCode < 300 ? null : json(fake).detail,
        });
        expectNoLeak(res, String(real.url));
        expect(await snapshotB()).toEqual(bBefore);
      },
    );
  });

  describe("a secret key stays inside its product", () => {
    let a2Before: unknown;
    beforeAll(async () => {
      a2Before = await snapshotA2();
    });

    it.each(productScoped)("%s with A's key on product A2 → 404", async (_n, r) => {
      const res = await callRoute(t.app, r, a2Ids, bearer(a.secretKey));
      expect(res.statusCode, res.body).toBe(404);
      expect(json(res)).toMatchObject({ code: "not_found" });
      expect(await snapshotA2()).toEqual(a2Before);
    });

    it("lists only its own product, while A's owner sees both", async () => {
      const byKey = await t.app.inject({ url: "/api/v1/products", headers: bearer(a.secretKey) });
      const ids = (res: LightMyRequestResponse) =>
        json<{ items: { id: string }[] }>(res)
          .items.map((p) => p.id)
          .sort();
      expect(ids(byKey)).toEqual([a.productId]);
      const bySession = await t.app.inject({
        url: "/api/v1/products",
        headers: { cookie: aSession },
      });
      expect(ids(bySession)).toEqual([a.productId, a2Ids.productId].sort());
      const a2 = await t.app.inject({
        url: `/api/v1/products/${a2Ids.productId}`,
        headers: { cookie: aSession },
      });
      expect(a2.statusCode).toBe(200);
    });
  });

  it("leaves B's data and credentials intact after the whole matrix", async () => {
    expect(await snapshotB()).toEqual(bBefore);
    const res = await t.app.inject({
      url: `/api/v1/products/${bIds.productId}/messages/${bIds.messageId}`,
      headers: bearer(b.secretKey),
    });
    expect(json(res)).toMatchObject({ name: "Bravo message", version: 1 });
  });
});
