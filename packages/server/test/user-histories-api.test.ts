import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage } from "../src/compose.js";
import type { HistoryRow } from "../src/domain/delivery/ports.js";
import { RetentionJob } from "../src/domain/retention/retention-job.js";
import { rebuildAllHistories } from "../src/storage/stores/history-rows.js";
import { type Api, api, DAY, iso, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

type Kind = "impression" | "dismiss" | "cta_click" | "complete";
interface Stored {
  distinctId: string;
  messageId: string;
  type: Kind;
  ts: number;
}

/** The rows the rules must read: the surviving interactions, grouped (the old SQL read). */
function expectedRows(stored: Iterable<Stored>, distinctId: string, now: number): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const s of stored) {
    if (s.distinctId !== distinctId) continue;
    const key = `${s.messageId} ${s.type}`;
    const row = rows.get(key) ?? {
      messageId: s.messageId,
      type: s.type,
      count: 0,
      last: s.ts,
      countLastDay: 0,
      countLastWeek: 0,
    };
    row.count++;
    row.last = Math.max(row.last, s.ts);
    if (s.ts > now - DAY) row.countLastDay++;
    if (s.ts > now - 7 * DAY) row.countLastWeek++;
    rows.set(key, row);
  }
  return sorted([...rows.values()]);
}
const sorted = (rows: HistoryRow[]) =>
  [...rows].sort((a, b) => `${a.messageId} ${a.type}`.localeCompare(`${b.messageId} ${b.type}`));

const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("batch" as const),
      items: fc.array(
        fc.record({
          user: fc.integer({ min: 0, max: 3 }),
          message: fc.integer({ min: 0, max: 1 }),
          type: fc.constantFrom<Kind>("impression", "dismiss", "cta_click", "complete"),
          ageHours: fc.integer({ min: 0, max: 24 * 40 }),
          // Repeats an earlier uuid of this run (a retry), or one earlier in the same batch.
          reuse: fc.option(fc.nat(), { freq: 3 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("merge" as const),
      anon: fc.integer({ min: 0, max: 3 }),
      known: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("prune" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      hours: fc.integer({ min: 1, max: 60 }),
    }),
  },
);

describe.each(dialects)("user history summaries on %s", (dialect) => {
  const clock = new TestClock();
  let t: TestApp;
  let tenant: Tenant;
  let a: Api;
  let messages: string[];
  let run = 0;

  const dir = mkdtempSync(join(tmpdir(), "nudge-histories-"));

  beforeAll(async () => {
    // A file, so a second connection (the rebuild below) sees the same SQLite database.
    t = await startTestApp(dialect, { clock, sqliteFile: join(dir, "nudge.db") });
    tenant = await addTenant(t.services, "histories");
    a = api(t, tenant);
    messages = [(await a.createMessage()).id, (await a.createMessage()).id];
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const delivery = () => t.services.stores.forProduct(tenant.productId).delivery;

  it("always read as the stored interactions grouped, through retries, merges and retention", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        clock.set("2026-06-01T12:00:00.000Z");
        const prefix = `r${++run}-`;
        const ids = [0, 1, 2, 3].map((i) => `${prefix}u${i}`);
        const links = new Map<string, string>();
        const person = (id: string) => links.get(id) ?? id;
        const stored = new Map<string, Stored>();
        const used: string[] = [];
        for (const o of ops) {
          if (o.kind === "wait") clock.advance(o.hours * 3600_000);
          if (o.kind === "prune") {
            await new RetentionJob(t.services.stores.retention, clock, { days: 30 }).runOnce();
            for (const [uuid, s] of stored) if (s.ts < clock.now() - 30 * DAY) stored.delete(uuid);
          }
          if (o.kind === "merge" && o.anon !== o.known) {
            const [anon, known] = [ids[o.anon]!, ids[o.known]!];
            await a.identify({ distinctId: known, anonymousId: anon });
            // As the server does: an id not linked yet moves over to the other (one hop, never chained).
            if (!links.has(anon)) {
              links.set(anon, known);
              for (const s of stored.values()) if (s.distinctId === anon) s.distinctId = known;
            }
          }
          if (o.kind !== "batch") continue;
          const batch = o.items.map((item) => {
            const uuid =
              item.reuse !== null && used.length > 0 ? used[item.reuse % used.length]! : uid();
            used.push(uuid);
            return {
              uuid,
              event: `message_${item.type}`,
              distinctId: ids[item.user]!,
              properties: { messageId: messages[item.message]! },
              timestamp: iso(clock.now() - item.ageHours * 3600_000),
              item,
            };
          });
          const res = await a.eventsRes(batch.map(({ item: _, ...e }) => e));
          expect(res.statusCode, res.body).toBe(202);
          for (const e of batch) {
            // The first write of a uuid wins until retention deletes its row.
            if (stored.has(e.uuid)) continue;
            stored.set(e.uuid, {
              distinctId: person(e.distinctId),
              messageId: e.properties.messageId,
              type: e.item.type,
              ts: Date.parse(e.timestamp),
            });
          }
        }
        const now = clock.now();
        for (const id of ids) {
          const want = expectedRows(stored.values(), person(id), now);
          const snapshot = await delivery().snapshot(id, now);
          expect(sorted(snapshot.rows), `snapshot of ${id}`).toEqual(want);
          expect(sorted(await delivery().history(person(id), now)), `history of ${id}`).toEqual(
            want,
          );
        }
      }),
      { numRuns: dialect === "sqlite" ? 60 : 30 },
    );
  });

  it("counts every one of many concurrent batches for the same user exactly once", async () => {
    clock.set("2026-06-01T12:00:00.000Z");
    const user = `concurrent-${uid()}`;
    const batches = Array.from({ length: 30 }, () =>
      Array.from({ length: 5 }, () => ({
        uuid: uid(),
        event: "message_impression",
        distinctId: user,
        properties: { messageId: messages[0]! },
      })),
    );
    // Each batch twice, all at once: retries racing their originals.
    const answers = await Promise.all([...batches, ...batches].map((b) => a.eventsRes(b)));
    const accepted = answers.reduce((n, r) => n + json<{ accepted: number }>(r).accepted, 0);
    expect(accepted).toBe(150);
    const { rows } = await delivery().snapshot(user, clock.now());
    expect(rows).toEqual([
      expect.objectContaining({ type: "impression", count: 150, countLastDay: 150 }),
    ]);
  });

  it("are rebuilt from the interactions alone as they were kept (migration 008's fill)", async () => {
    clock.set("2026-06-01T12:00:00.000Z");
    const users = Array.from({ length: 7 }, (_, i) => `rebuild-${i}-${uid()}`);
    for (const [i, user] of users.entries()) {
      const batch = Array.from({ length: i + 1 }, (_, k) => ({
        uuid: uid(),
        event: `message_${k % 2 ? "dismiss" : "impression"}`,
        distinctId: user,
        properties: { messageId: messages[k % 2]! },
        timestamp: iso(clock.now() - k * 20 * 3600_000),
      }));
      expect((await a.eventsRes(batch)).statusCode).toBe(202);
    }
    const read = async () =>
      Promise.all(users.map(async (u) => sorted(await delivery().history(u, clock.now()))));
    const kept = await read();
    const storage = await openStorage(t.config);
    try {
      await storage.db.deleteFrom("user_histories").execute();
      expect((await read()).flat()).toEqual([]);
      // Pages of 3 rows: users are cut across pages, and each must still be rebuilt whole.
      await rebuildAllHistories(storage.db, clock.now(), 3);
    } finally {
      await storage.close();
    }
    expect(await read()).toEqual(kept);
    expect(kept.flat().length).toBeGreaterThan(7);
  });
});
