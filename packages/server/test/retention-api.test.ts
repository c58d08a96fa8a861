import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RetentionJob } from "../src/domain/retention/retention-job.js";
import { api, DAY, iso, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

describe.each(dialects)("retention on %s", (dialect) => {
  const clock = new TestClock();
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  // The app's own job is off here, so its timer cannot take rows from under a test; each test
  // runs a job over the app's store, as compose builds it. The last test covers the wiring.
  const prune = () => new RetentionJob(t.services.stores.retention, clock, { days: 30 }).runOnce();

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    a = await addTenant(t.services, "keep-a");
    b = await addTenant(t.services, "keep-b");
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Posts one event with this uuid; answers whether it was new (true) or a duplicate. */
  async function isNew(tenant: Tenant, e: { uuid: string; event: string; at: number }, props = {}) {
    const res = await api(t, tenant).eventsRes([
      { uuid: e.uuid, event: e.event, distinctId: "u1", properties: props, timestamp: iso(e.at) },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    return json<{ accepted: number }>(res).accepted === 1;
  }

  async function impressions(tenant: Tenant, messageId: string): Promise<number> {
    const res = await t.app.inject({
      url: `${api(t, tenant).base}/messages/${messageId}/stats?days=365`,
      headers: api(t, tenant).admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ counts: Record<string, number> }>(res).counts.impression ?? 0;
  }

  it("deletes rows older than the cutoff in every product and keeps the younger ones", async () => {
    const now = clock.now();
    const cutoff = now - 30 * DAY;
    const rows = new Map<Tenant, { old: object[]; young: object[]; messageId: string }>();
    for (const tenant of [a, b]) {
      const { id: messageId } = await api(t, tenant).createMessage({ name: "Retained" });
      const props = { messageId };
      const old = [
        { uuid: uid(), event: "signup", at: cutoff - 1 },
        { uuid: uid(), event: "message_impression", at: cutoff - 5 * DAY, props },
      ];
      const young = [
        { uuid: uid(), event: "signup", at: cutoff },
        { uuid: uid(), event: "message_impression", at: now - DAY, props },
      ];
      for (const e of [...old, ...young]) expect(await isNew(tenant, e, e.props)).toBe(true);
      expect(await impressions(tenant, messageId)).toBe(2);
      rows.set(tenant, { old, young, messageId });
    }

    const run = await prune();
    // Each product had one old impression (an interaction and its event) and one old event.
    expect(run).toMatchObject({ cutoff, interactions: 2, events: 4 });

    for (const [tenant, { old, young, messageId }] of rows) {
      expect(await impressions(tenant, messageId)).toBe(1);
      // A duplicate uuid proves the row is still stored; an accepted one, that it was gone.
      for (const e of young) expect(await isNew(tenant, e as never)).toBe(false);
      for (const e of old) expect(await isNew(tenant, e as never)).toBe(true);
    }
    // The old rows just re-sent are old again: the next run removes exactly those.
    expect(await prune()).toMatchObject({ interactions: 0, events: 4 });
    expect(await prune()).toMatchObject({ interactions: 0, events: 0 });
  });

  it("deletes a backlog larger than one batch, batch after batch", async () => {
    const cutoff = clock.now() - 30 * DAY;
    const batch = Array.from({ length: 57 }, (_, i) => ({
      uuid: uid(),
      event: "backlog",
      distinctId: `u${i}`,
      timestamp: iso(cutoff - (i % 5) * DAY - 1),
    }));
    const res = await api(t, a).eventsRes(batch);
    expect(res.statusCode, res.body).toBe(202);
    const keep = { uuid: uid(), event: "backlog", at: cutoff + 1 };
    expect(await isNew(a, keep)).toBe(true);

    let batches = 0;
    const store = t.services.stores.retention;
    const counting = {
      deleteInteractionsBefore: store.deleteInteractionsBefore,
      deleteEventsBefore: (c: number, limit: number) => {
        batches += 1;
        return store.deleteEventsBefore(c, limit);
      },
    };
    const job = new RetentionJob(counting, clock, { days: 30, batchSize: 10, pauseMs: 0 });
    expect(await job.runOnce()).toMatchObject({ events: 57, interactions: 0 });
    expect(batches).toBe(6); // five full batches of 10, then one of 7
    expect(await isNew(a, keep)).toBe(false);
  });

  it("lets an ever-capped message show again once the dismiss that capped it is pruned", async () => {
    const product = api(t, b);
    const { id } = await product.createMessage({ name: "Once", frequency: { cap: "ever" } });
    await product.interact(id, "veteran", "dismiss", clock.now() - 40 * DAY);
    expect(await product.sees("veteran", id)).toBe(false);
    await prune();
    // Documented in the README: with retention on, "ever" means "within the retention age".
    expect(await product.sees("veteran", id)).toBe(true);
  });

  it("is started by compose with NUDGE_RETENTION_DAYS, and stopped by close()", async () => {
    const other = await startTestApp(dialect, { clock, env: { NUDGE_RETENTION_DAYS: "7" } });
    expect(other.services.retention.enabled).toBe(true);
    expect(other.services.retention.scheduled).toBe(true);
    const run = await other.services.retention.runOnce();
    expect(run.cutoff).toBe(clock.now() - 7 * DAY);
    await other.close();
    expect(other.services.retention.scheduled).toBe(false);
    // Stopped for good: a late call deletes nothing (and never touches the closed database).
    expect(await other.services.retention.runOnce()).toMatchObject({ interactions: 0, events: 0 });

    const off = await startTestApp(dialect, { clock });
    expect(off.services.retention.enabled).toBe(false);
    expect(off.services.retention.scheduled).toBe(false);
    expect(await off.services.retention.runOnce()).toMatchObject({ cutoff: null, events: 0 });
    await off.close();
  });
});
