import type { Segment } from "@nudge/schema";
import { type Kysely, sql } from "kysely";
import type { DeliveryStore, HistoryRow, UserProfile } from "../../domain/delivery/ports.js";
import { precompile } from "../precompiled.js";
import type { Database, UsersTable } from "../tables.js";
import { toExperiment } from "./experiment-store.js";
import { toMessage } from "./message-store.js";
import { parseJson, toProduct } from "./rows.js";
import { toSegment } from "./segment-store.js";

const day = 24 * 3600 * 1000;

export function createDeliveryStore(db: Kysely<Database>, productId: string): DeliveryStore {
  return {
    productId,

    async loadActiveSet() {
      const [product, messages, segments, experiments, exempt] = await Promise.all([
        db.selectFrom("products").selectAll().where("id", "=", productId).executeTakeFirst(),
        db
          .selectFrom("messages")
          .selectAll()
          .where("product_id", "=", productId)
          // Paused arms of a running experiment still define its campaign (caps sum over arms).
          .where((eb) => eb.or([eb("status", "=", "active"), eb("experiment_id", "is not", null)]))
          .execute(),
        db.selectFrom("segments").selectAll().where("product_id", "=", productId).execute(),
        db.selectFrom("experiments").selectAll().where("product_id", "=", productId).execute(),
        db
          .selectFrom("messages")
          .select("id")
          .where("product_id", "=", productId)
          // Definitions are written by JSON.stringify, so this exact text is how the flag looks.
          .where("definition", "like", '%"ignoreBudget":true%')
          .execute(),
      ]);
      return {
        product: product ? toProduct(product) : null,
        messages: messages.map(toMessage),
        segments: segments.map(toSegment) as Segment[],
        experiments: experiments.map(toExperiment),
        budgetExemptIds: exempt.map((r) => r.id),
      };
    },

    async profile(distinctId) {
      let row = await findUser(db, productId, distinctId);
      // An anonymous id linked at identify(): follow it (one hop; links are never chained).
      if (row?.merged_into) row = await findUser(db, productId, row.merged_into);
      if (!row) return null;
      return toProfile(row);
    },

    async history(distinctId, now): Promise<HistoryRow[]> {
      const rows = await hotReadsOf(db).history({
        productId,
        distinctId,
        dayAgo: now - day,
        weekAgo: now - 7 * day,
      });
      return rows.map((r) => ({
        messageId: r.message_id,
        type: r.type,
        count: Number(r.n),
        last: Number(r.last),
        countLastDay: Number(r.n_day),
        countLastWeek: Number(r.n_week),
      }));
    },

    async scoreThreshold(topN) {
      const row = await db
        .selectFrom("users")
        .select("churn_prob")
        .where("product_id", "=", productId)
        .where("churn_prob", "is not", null)
        // A linked anonymous id is the same person: rank them once.
        .where("merged_into", "is", null)
        .orderBy("churn_prob", "desc")
        .limit(1)
        .offset(topN - 1)
        .executeTakeFirst();
      return row?.churn_prob ?? Number.NEGATIVE_INFINITY;
    },
  };
}

async function findUser(db: Kysely<Database>, productId: string, distinctId: string) {
  const [row] = await hotReadsOf(db).user({ productId, distinctId });
  return row;
}

type HotReads = ReturnType<typeof compileHotReads>;
const hotReads = new WeakMap<Kysely<Database>, HotReads>();

/** The two reads of every `/messages/active` request, compiled once per database. */
function hotReadsOf(db: Kysely<Database>): HotReads {
  let reads = hotReads.get(db);
  if (!reads) {
    reads = compileHotReads(db);
    hotReads.set(db, reads);
  }
  return reads;
}

function compileHotReads(db: Kysely<Database>) {
  return {
    user: precompile<Database, { productId: string; distinctId: string }, UsersTable>(db, (p) =>
      db
        .selectFrom("users")
        .selectAll()
        .where("product_id", "=", p("productId"))
        .where("distinct_id", "=", p("distinctId")),
    ),
    // Grouped in SQL: a user's rows per (message, type) arrive as one row with its counts.
    history: precompile<
      Database,
      { productId: string; distinctId: string; dayAgo: number; weekAgo: number },
      { message_id: string; type: string; n: number; last: number; n_day: number; n_week: number }
    >(db, (p) =>
      db
        .selectFrom("interactions")
        .select([
          "message_id",
          "type",
          (eb) => eb.fn.countAll<number>().as("n"),
          (eb) => eb.fn.max<number>("ts").as("last"),
          sql<number>`sum(case when ts > ${p("dayAgo")} then 1 else 0 end)`.as("n_day"),
          sql<number>`sum(case when ts > ${p("weekAgo")} then 1 else 0 end)`.as("n_week"),
        ])
        .where("product_id", "=", p("productId"))
        .where("distinct_id", "=", p("distinctId"))
        .groupBy(["message_id", "type"]),
    ),
  };
}

export function toProfile(row: UsersTable): UserProfile {
  return {
    distinctId: row.distinct_id,
    traits: parseJson<Record<string, unknown>>(row.traits, {}),
    churnProb: row.churn_prob === null ? null : Number(row.churn_prob),
    milestones: parseJson<string[]>(row.milestones, []),
  };
}
