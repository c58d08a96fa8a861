import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, expectProblem, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** A publishable key of product A never sees, counts or tracks product B's messages. */
describe.each(dialects)("client API tenancy on %s", (dialect) => {
  let t: TestApp;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let a: Api;
  let b: Api;
  let n = 0;
  const shared = () => `shared-user-${++n}`;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenantA = await addTenant(t.services, "tenant-a");
    tenantB = await addTenant(t.services, "tenant-b");
    a = api(t, tenantA);
    b = api(t, tenantB);
  });
  afterAll(() => t.close());

  it("A's key lists only A's active messages, for any distinct id", async () => {
    const mineA = await a.createMessage({ name: "A's tour" });
    const mineB = await b.createMessage({ name: "B's tour", priority: 100 });
    const u = shared();
    expect(await a.activeIds(u)).toEqual([mineA.id]);
    expect(await b.activeIds(u)).toEqual([mineB.id]);
    // The same through ?api_key= and with every trigger filter.
    for (const trigger of ["", "&trigger=page", "&trigger=event"]) {
      const res = await t.app.inject({
        url: `/api/v1/messages/active?user_id=${u}${trigger}&api_key=${tenantA.publishableKey}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(mineB.id);
    }
  });

  it("A's key cannot count or track B's messages: B's stats and lists do not move", async () => {
    const mineB = await b.createMessage({ frequency: { cap: "ever", maxImpressions: 1 } });
    const u = shared();
    const res = await a.eventsRes(
      ["message_impression", "message_dismiss", "message_cta_click", "message_complete"].map(
        (event) => ({ uuid: uid(), event, distinctId: u, properties: { messageId: mineB.id } }),
      ),
    );
    expect(res.statusCode).toBe(202);
    for (const type of ["impression", "dismiss", "cta_click", "complete"]) {
      const tracked = await a.track(mineB.id, { type, distinctId: u });
      expect(expectProblem(tracked, 404).detail).toBe("Message not found");
    }
    expect(await b.sees(u, mineB.id)).toBe(true);
    expect((await b.messageStats(mineB.id)).counts).toEqual({
      impression: 0,
      dismiss: 0,
      cta_click: 0,
      complete: 0,
    });
    expect((await b.productStats()).impressions).toBe(0);
    // B's own key still counts.
    expect((await b.track(mineB.id, { type: "impression", distinctId: u })).statusCode).toBe(202);
    expect(await b.sees(u, mineB.id)).toBe(false);
  });

  it("a uuid used in A does not make B's event a duplicate", async () => {
    const uuid = uid();
    const event = { uuid, event: "signed_up", distinctId: shared() };
    expect(json(await a.eventsRes([event]))).toEqual({ accepted: 1, duplicates: 0 });
    expect(json(await b.eventsRes([event], b.client))).toEqual({ accepted: 1, duplicates: 0 });
  });

  it("the same distinct id has independent caps, traits, milestones and scores per product", async () => {
    const audience = { type: "traits", filter: { trait: "plan", op: "eq", value: "pro" } };
    const capA = await a.createMessage({ frequency: { cap: "ever" } });
    const capB = await b.createMessage({ frequency: { cap: "ever" } });
    const traitsA = await a.createMessage({ audience });
    const traitsB = await b.createMessage({ audience });
    const scoreA = await a.createMessage({ audience: { type: "score", churnProbGt: 0.5 } });
    const scoreB = await b.createMessage({ audience: { type: "score", churnProbGt: 0.5 } });
    const u = shared();

    await a.interact(capA.id, u, "dismiss");
    await a.identify({ distinctId: u, traits: { plan: "pro" } });
    await a.events([{ event: "$milestone", distinctId: u, properties: { name: "activated" } }]);
    const score = await t.app.inject({
      method: "PUT",
      url: `${a.base}/users/${u}/scores`,
      headers: a.admin,
      payload: { churnProb: 0.9 },
    });
    expect(score.statusCode).toBe(200);

    const inA = await a.active(u);
    const idsA = inA.messages.map((m) => m.id);
    expect(inA.milestones).toEqual(["activated"]);
    expect(idsA).not.toContain(capA.id);
    expect(idsA).toEqual(expect.arrayContaining([traitsA.id, scoreA.id]));

    const inB = await b.active(u);
    const idsB = inB.messages.map((m) => m.id);
    expect(inB.milestones).toEqual([]);
    expect(idsB).toContain(capB.id);
    expect(idsB).not.toContain(traitsB.id);
    expect(idsB).not.toContain(scoreB.id);
  });

  it("a message of A that names B's segment matches no one", async () => {
    const segB = await t.app.inject({
      method: "POST",
      url: `${b.base}/segments`,
      headers: b.admin,
      payload: { name: "everyone", filter: { and: [] } },
    });
    const segmentId = json<{ id: string }>(segB).id;
    const mineA = await a.createMessage({ audience: { type: "segment", segmentId } });
    const mineB = await b.createMessage({ audience: { type: "segment", segmentId } });
    const u = shared();
    expect(await a.sees(u, mineA.id)).toBe(false);
    expect(await b.sees(u, mineB.id)).toBe(true);
    const d = await a.diagnose(mineA.id, { distinct_id: u });
    expect(d.checks.find((c) => c.rule === "audience")?.reason).toContain("does not exist");
  });

  it("an anonymous-id merge in A leaves the same ids in B apart", async () => {
    const capB = await b.createMessage({ frequency: { cap: "ever" } });
    const anon = `anon-${uid()}`;
    const known = shared();
    await b.interact(capB.id, anon, "dismiss");
    await a.identify({ distinctId: known, anonymousId: anon });
    expect(await b.sees(known, capB.id)).toBe(true);
    expect(await b.sees(anon, capB.id)).toBe(false);
  });

  it("keys open only their own product's admin routes; a revoked publishable key stops at once", async () => {
    const mineB = await b.createMessage();
    for (const url of [
      `${b.base}/messages/${mineB.id}/stats`,
      `${b.base}/messages/${mineB.id}/diagnose?distinct_id=x`,
      `${b.base}/segments`,
      `${b.base}/stats`,
    ]) {
      expectProblem(await t.app.inject({ url, headers: a.admin }), 404);
      expectProblem(await t.app.inject({ url, headers: bearer(tenantB.publishableKey) }), 403);
    }

    const created = await t.app.inject({
      method: "POST",
      url: `${a.base}/keys`,
      headers: a.admin,
      payload: { type: "publishable", name: "staging" },
    });
    expect(created.statusCode).toBe(201);
    const key = json<{ id: string; key: string }>(created);
    const activeWith = () =>
      t.app.inject({ url: "/api/v1/messages/active?distinct_id=x", headers: bearer(key.key) });
    expect((await activeWith()).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: "DELETE",
      url: `${a.base}/keys/${key.id}`,
      headers: a.admin,
    });
    expect(revoked.statusCode).toBe(204);
    expect(expectProblem(await activeWith(), 401).code).toBe("unauthorized");
    const noKey = await t.app.inject({ url: "/api/v1/messages/active?distinct_id=x" });
    expectProblem(noKey, 401);
  });
});
