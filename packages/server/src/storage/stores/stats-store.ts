import { type Kysely, sql } from "kysely";
import type { StatsStore } from "../../domain/stats/ports.js";
import type { Database } from "../tables.js";

const dayMs = 86_400_000;

export function createStatsStore(db: Kysely<Database>, productId: string): StatsStore {
  const scoped = (messageId: string | null, since: number) => {
    let q = db
      .selectFrom("interactions")
      .where("product_id", "=", productId)
      .where("ts", ">=", since);
    if (messageId) q = q.where("message_id", "=", messageId);
    return q;
  };
  return {
    async totals(messageId, since) {
      const rows = await scoped(messageId, since)
        .select([
          "message_id",
          "type",
          (eb) => eb.fn.countAll<number>().as("n"),
          (eb) => eb.fn.count<number>("distinct_id").distinct().as("users"),
        ])
        .groupBy(["message_id", "type"])
        .execute();
      return rows.map((r) => ({
        messageId: r.message_id,
        type: r.type,
        count: Number(r.n),
        users: Number(r.users),
      }));
    },
    async daily(messageId, since) {
      // Integer division is floor on both engines for non-negative epoch milliseconds. The
      // divisor is a literal: as a bound parameter PostgreSQL could not match SELECT to GROUP BY.
      const day = sql<number>`(ts / ${sql.lit(dayMs)})`;
      const rows = await scoped(messageId, since)
        .select([day.as("day"), "type", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy([day, "type"])
        .orderBy(day)
        .execute();
      return rows.map((r) => ({ day: Number(r.day), type: r.type, count: Number(r.n) }));
    },
    async byStep(messageId, since) {
      const rows = await scoped(messageId, since)
        .where("step", "is not", null)
        .select(["step", "type", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(["step", "type"])
        .execute();
      return rows.map((r) => ({ step: Number(r.step), type: r.type, count: Number(r.n) }));
    },
    async eventNames(limit) {
      const rows = await db
        .selectFrom("event_names")
        .select(["name", "last_seen"])
        .where("product_id", "=", productId)
        .orderBy("last_seen", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ name: r.name, lastSeen: Number(r.last_seen) }));
    },
  };
}
