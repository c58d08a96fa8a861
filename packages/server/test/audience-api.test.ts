import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, check, expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, json, login, problemPaths, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

type Traits = Record<string, unknown>;

/** Each operator of SPEC §4: a leaf, traits that match it and traits that do not. */
const operatorCases: [string, unknown, Traits[], Traits[]][] = [
  ["eq", "pro", [{ v: "pro" }], [{ v: "free" }, { v: "Pro" }, {}]],
  ["eq", 1, [{ v: 1 }], [{ v: "1" }, { v: true }]],
  ["neq", "free", [{ v: "pro" }, {}], [{ v: "free" }]],
  ["in", ["pro", "team"], [{ v: "team" }], [{ v: "free" }, {}]],
  ["nin", ["free"], [{ v: "pro" }, {}], [{ v: "free" }]],
  [
    "contains",
    "admin",
    [{ v: ["dev", "admin"] }, { v: "super-admin" }],
    [{ v: ["dev"] }, { v: 5 }],
  ],
  ["gt", 10, [{ v: 11 }], [{ v: 10 }, { v: "11" }]],
  ["gte", 10, [{ v: 10 }], [{ v: 9.99 }]],
  ["lt", 10, [{ v: 9 }], [{ v: 10 }, {}]],
  ["lte", 10, [{ v: 10 }], [{ v: 10.01 }]],
  ["exists", undefined, [{ v: 0 }, { v: false }], [{}, { v: null }]],
  ["not_exists", undefined, [{}, { v: null }], [{ v: "" }]],
  [
    "before",
    "2026-01-01T00:00:00Z",
    [{ v: "2025-12-31T23:59:59Z" }],
    [{ v: "2026-01-01T00:00:00Z" }, { v: "soon" }],
  ],
  [
    "after",
    "2026-01-01T00:00:00Z",
    [{ v: "2026-01-01T00:00:00.001Z" }],
    [{ v: "2026-01-01T00:00:00Z" }],
  ],
];

describe.each(dialects)("audiences (scores, segments, traits) on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let a: Api;
  let n = 0;
  const user = () => `aud-user-${++n}`;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "audience");
    a = api(t, tenant);
  });
  afterAll(() => t.close());

  /** Score rankings are product-wide: each ranking test gets a product of its own. */
  const freshProduct = async () => api(t, await addTenant(t.services, "ranking"));
  const putScore = (p: Api, distinctId: string, churnProb: unknown) =>
    t.app.inject({
      method: "PUT",
      url: `${p.base}/users/${distinctId}/scores`,
      headers: p.admin,
      payload: { churnProb },
    });
  const bulk = (p: Api, scores: unknown[]) =>
    t.app.inject({
      method: "POST",
      url: `${p.base}/scores`,
      headers: p.admin,
      payload: { scores },
    });
  const segmentRes = (method: "POST" | "PUT", body: unknown, id = "") =>
    t.app.inject({
      method,
      url: `${a.base}/segments${id && `/${id}`}`,
      headers: a.admin,
      payload: body as object,
    });
  const createSegment = async (filter: unknown) => {
    const res = await segmentRes("POST", { name: `segment ${++n}`, filter });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number }>(res);
  };

  describe("scores", () => {
    it("sets one score with PUT and many with the bulk form; the last duplicate wins", async () => {
      const p = await freshProduct();
      const m = await p.createMessage({ audience: { type: "score", churnProbGt: 0.5 } });
      const one = await putScore(p, "solo", 0.7);
      expect(one.statusCode).toBe(200);
      expect(json(one)).toEqual({ upserted: 1 });
      const many = await bulk(p, [
        { distinctId: "b1", churnProb: 0.9 },
        { distinctId: "b2", churnProb: 0.9 },
        { distinctId: "b1", churnProb: 0.1 },
      ]);
      expect(json(many)).toEqual({ upserted: 2 });
      expect(await p.sees("solo", m.id)).toBe(true);
      expect(await p.sees("b1", m.id)).toBe(false);
      expect(await p.sees("b2", m.id)).toBe(true);
    });

    it("validates scores: 0..1, at most 10,000 per request", async () => {
      const p = await freshProduct();
      expect(problemPaths(await putScore(p, "x", 1.5))).toEqual(["churnProb"]);
      expectProblem(await putScore(p, "x", "0.5"), 400);
      const tooMany = Array.from({ length: 10_001 }, (_, i) => ({
        distinctId: `u${i}`,
        churnProb: 0.5,
      }));
      const res = await bulk(p, tooMany);
      expect(expectProblem(res, 400).errors?.map((e) => e.path)).toEqual(["scores"]);
      const max = await bulk(p, tooMany.slice(1));
      expect(json(max)).toEqual({ upserted: 10_000 });
    });

    it("churnProbGt is strictly greater; a user without a score never qualifies", async () => {
      const p = await freshProduct();
      const m = await p.createMessage({ audience: { type: "score", churnProbGt: 0.5 } });
      await bulk(p, [
        { distinctId: "equal", churnProb: 0.5 },
        { distinctId: "above", churnProb: 0.5001 },
      ]);
      expect(await p.sees("equal", m.id)).toBe(false);
      expect(await p.sees("above", m.id)).toBe(true);
      expect(await p.sees("unscored", m.id)).toBe(false);
      await p.identify({ distinctId: "traits-only", traits: { churnProb: 0.99 } });
      expect(await p.sees("traits-only", m.id)).toBe(false);
    });

    it("topN: rank 0 is the highest, ties share a rank, fewer users than N include every scored user", async () => {
      const p = await freshProduct();
      const top = (topN: number) =>
        p.createMessage({ name: `top ${topN}`, audience: { type: "score", topN } });
      const t1 = await top(1);
      const t2 = await top(2);
      const t3 = await top(3);
      const t4 = await top(4);
      const t10 = await top(10);
      const both = await p.createMessage({
        audience: { type: "score", topN: 4, churnProbGt: 0.75 },
      });
      await bulk(p, [
        { distinctId: "a", churnProb: 0.9 },
        { distinctId: "b", churnProb: 0.8 },
        { distinctId: "c", churnProb: 0.8 },
        { distinctId: "d", churnProb: 0.7 },
      ]);
      const sees = async (id: string) => {
        const ids = await p.activeIds(id);
        return [t1, t2, t3, t4, t10, both].map((m) => ids.includes(m.id));
      };
      //                          top1   top2   top3   top4   top10  both
      expect(await sees("a")).toEqual([true, true, true, true, true, true]);
      expect(await sees("b")).toEqual([false, true, true, true, true, true]);
      expect(await sees("c")).toEqual([false, true, true, true, true, true]);
      expect(await sees("d")).toEqual([false, false, false, true, true, false]);
      expect(await sees("nobody")).toEqual([false, false, false, false, false, false]);
      const trace = await p.diagnose(t3.id, { distinct_id: "d" });
      expect(check(trace, "audience")).toMatchObject({ passed: false });
      expect(check(trace, "audience").reason).toContain("not in the top 3");
    });

    it("thresholds follow score changes at once (no stale cache)", async () => {
      const p = await freshProduct();
      const m = await p.createMessage({ audience: { type: "score", topN: 1 } });
      await bulk(p, [
        { distinctId: "first", churnProb: 0.9 },
        { distinctId: "second", churnProb: 0.8 },
      ]);
      expect(await p.sees("first", m.id)).toBe(true);
      expect(await p.sees("second", m.id)).toBe(false);
      await putScore(p, "second", 0.95);
      expect(await p.sees("second", m.id)).toBe(true);
      expect(await p.sees("first", m.id)).toBe(false);
      await bulk(p, [{ distinctId: "newcomer", churnProb: 0.99 }]);
      expect(await p.sees("newcomer", m.id)).toBe(true);
      expect(await p.sees("second", m.id)).toBe(false);
      await bulk(p, [{ distinctId: "newcomer", churnProb: 0 }]);
      expect(await p.sees("second", m.id)).toBe(true);
    });

    it("a merged anonymous id does not take a second rank", async () => {
      const p = await freshProduct();
      const m = await p.createMessage({ audience: { type: "score", topN: 2 } });
      await bulk(p, [
        { distinctId: "anon-1", churnProb: 0.9 },
        { distinctId: "other", churnProb: 0.8 },
      ]);
      await p.identify({ distinctId: "person-1", anonymousId: "anon-1" });
      // One person (0.9) and "other" (0.8): both are in the top 2.
      expect(await p.sees("person-1", m.id)).toBe(true);
      expect(await p.sees("other", m.id)).toBe(true);
    });
  });

  describe("segments", () => {
    it("creates, lists, reads, replaces and deletes a segment", async () => {
      const filter = {
        and: [
          { trait: "plan", op: "eq", value: "pro" },
          { not: { trait: "churned", op: "exists" } },
        ],
      };
      const created = await segmentRes("POST", { name: "Pro users", filter });
      expect(created.statusCode).toBe(201);
      const seg = json<{ id: string }>(created);
      expect(seg).toMatchObject({
        name: "Pro users",
        description: "",
        filter,
        version: 1,
        productId: tenant.productId,
      });
      expect(seg.id).toMatch(/^seg_/);
      const list = json<{ items: { id: string }[] }>(
        await t.app.inject({ url: `${a.base}/segments`, headers: a.admin }),
      );
      expect(list.items.map((s) => s.id)).toContain(seg.id);
      const read = await t.app.inject({ url: `${a.base}/segments/${seg.id}`, headers: a.admin });
      expect(json(read)).toEqual(seg);
      const put = await segmentRes(
        "PUT",
        { name: "Team", description: "d", filter: { trait: "plan", op: "eq", value: "team" } },
        seg.id,
      );
      expect(json(put)).toMatchObject({ name: "Team", description: "d", version: 2 });
      const del = await t.app.inject({
        method: "DELETE",
        url: `${a.base}/segments/${seg.id}`,
        headers: a.admin,
      });
      expect(del.statusCode).toBe(204);
      expectProblem(
        await t.app.inject({ url: `${a.base}/segments/${seg.id}`, headers: a.admin }),
        404,
      );
      expectProblem(await segmentRes("PUT", { name: "x", filter }, seg.id), 404);
    });

    it("validates the filter tree: an unknown op is refused with a path naming filter…op", async () => {
      const unknownOp = await segmentRes("POST", {
        name: "bad",
        filter: { trait: "plan", op: "like", value: "p" },
      });
      expect(expectProblem(unknownOp, 400).code).toBe("validation_failed");
      expect(problemPaths(unknownOp)).toEqual(["filter.op"]);
      const nested = await segmentRes("POST", {
        name: "bad",
        filter: { and: [{ or: [{ trait: "plan", op: "like", value: "p" }] }] },
      });
      expect(problemPaths(nested)).toEqual(["filter.and.0.or.0.op"]);
    });

    it("validates the filter tree: depth over 8, a blank name", async () => {
      const nest = (depth: number) => {
        let f: unknown = { trait: "plan", op: "exists" };
        for (let i = 1; i < depth; i++) f = { not: f };
        return f;
      };
      expect((await segmentRes("POST", { name: "deep", filter: nest(8) })).statusCode).toBe(201);
      const tooDeep = await segmentRes("POST", { name: "too deep", filter: nest(9) });
      expect(expectProblem(tooDeep, 400)).toMatchObject({
        errors: [{ path: "filter", message: "filters may nest at most 8 levels" }],
      });
      expect(problemPaths(await segmentRes("POST", { name: " ", filter: { and: [] } }))).toEqual([
        "name",
      ]);
    });

    it("validates the filter tree: before/after take only dates the rules engine reads", async () => {
      // Anything but ISO-8601 (or epoch ms) would be saved, then silently match no one.
      for (const value of ["March 7, 2026", "2026-02-30"]) {
        const res = await segmentRes("POST", {
          name: "d",
          filter: { trait: "t", op: "before", value },
        });
        expect(expectProblem(res, 400).errors?.[0]?.path, value).toMatch(/^filter/);
      }
      for (const value of ["2026-03-07", "2026-03-07T10:00:00+02:00", 1767225600000]) {
        const res = await segmentRes("POST", {
          name: "d",
          filter: { trait: "t", op: "after", value },
        });
        expect(res.statusCode, String(value)).toBe(201);
      }
    });

    it.each(operatorCases)(
      "op %s (value %j) selects the same users through a segment and a traits audience",
      async (op, value, yes, no) => {
        const leaf = value === undefined ? { trait: "v", op } : { trait: "v", op, value };
        const seg = await createSegment(leaf);
        const bySegment = await a.createMessage({
          audience: { type: "segment", segmentId: seg.id },
        });
        const byTraits = await a.createMessage({ audience: { type: "traits", filter: leaf } });
        for (const [traits, expected] of [
          ...yes.map((x) => [x, true] as const),
          ...no.map((x) => [x, false] as const),
        ]) {
          const u = user();
          await a.identify({ distinctId: u, traits });
          const ids = await a.activeIds(u);
          expect(
            [ids.includes(bySegment.id), ids.includes(byTraits.id)],
            JSON.stringify(traits),
          ).toEqual([expected, expected]);
        }
      },
    );

    it("applies a segment edit to /messages/active at once", async () => {
      const seg = await createSegment({ trait: "plan", op: "eq", value: "pro" });
      const m = await a.createMessage({ audience: { type: "segment", segmentId: seg.id } });
      const pro = user();
      const team = user();
      await a.identify({ distinctId: pro, traits: { plan: "pro" } });
      await a.identify({ distinctId: team, traits: { plan: "team" } });
      expect([await a.sees(pro, m.id), await a.sees(team, m.id)]).toEqual([true, false]);
      const put = await segmentRes(
        "PUT",
        { name: "team", filter: { or: [{ trait: "plan", op: "eq", value: "team" }] } },
        seg.id,
      );
      expect(put.statusCode).toBe(200);
      expect([await a.sees(pro, m.id), await a.sees(team, m.id)]).toEqual([false, true]);
    });

    it("refuses to delete a segment a message targets (409) until the message moves off it", async () => {
      const seg = await createSegment({ trait: "plan", op: "exists" });
      const m = await a.createMessage({
        status: "draft",
        audience: { type: "segment", segmentId: seg.id },
      });
      const url = `${a.base}/segments/${seg.id}`;
      const refused = await t.app.inject({ method: "DELETE", url, headers: a.admin });
      expect(expectProblem(refused, 409).detail).toContain(m.id);
      expect((await t.app.inject({ url, headers: a.admin })).statusCode).toBe(200);
      await a.patchMessage(m.id, m.version, { audience: null });
      expect((await t.app.inject({ method: "DELETE", url, headers: a.admin })).statusCode).toBe(
        204,
      );
    });

    it("lets neither the publishable key nor a viewer write segments or scores", async () => {
      const owner = await login(t.app, tenant.email, tenant.password);
      const viewer = {
        email: `viewer-${Date.now()}@example.com`,
        password: "viewer password 1",
        role: "viewer",
      };
      const added = await t.app.inject({
        method: "POST",
        url: `/api/v1/organizations/${tenant.organizationId}/members`,
        headers: owner,
        payload: viewer,
      });
      expect(added.statusCode, added.body).toBe(201);
      const session = await login(t.app, viewer.email, viewer.password);
      const seg = await createSegment({ trait: "plan", op: "exists" });
      const writes = [
        { method: "POST", url: `${a.base}/segments`, payload: { name: "x", filter: { and: [] } } },
        {
          method: "PUT",
          url: `${a.base}/segments/${seg.id}`,
          payload: { name: "x", filter: { and: [] } },
        },
        { method: "DELETE", url: `${a.base}/segments/${seg.id}` },
        { method: "PUT", url: `${a.base}/users/u1/scores`, payload: { churnProb: 0.5 } },
        {
          method: "POST",
          url: `${a.base}/scores`,
          payload: { scores: [{ distinctId: "u1", churnProb: 0.5 }] },
        },
      ] as const;
      for (const headers of [a.client, session]) {
        for (const w of writes) {
          const res = await t.app.inject({ ...w, headers });
          expect(expectProblem(res, 403).code, `${w.method} ${w.url}`).toBe("forbidden");
        }
      }
      const read = await t.app.inject({ url: `${a.base}/segments/${seg.id}`, headers: session });
      expect(read.statusCode).toBe(200);
      expect(json(read)).toMatchObject({ id: seg.id, version: 1 });
    });
  });
});
