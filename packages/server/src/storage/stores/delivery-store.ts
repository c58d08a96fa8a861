import type { Segment } from "@nudge/schema";
import { type Kysely, sql } from "kysely";
import type { DeliveryStore, HistoryRow, UserProfile } from "../../domain/delivery/ports.js";
import { perDatabase, precompile } from "../precompiled.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database, UsersTable } from "../tables.js";
import { toExperiment } from "./experiment-store.js";
import { groupInteractions, type InteractionRow, ungroupedHistoryLimit } from "./history-rows.js";
import { toMessage } from "./message-store.js";
import { parseJson, toProduct } from "./rows.js";
import { toSegment } from "./segment-store.js";

const day = 24 * 3600 * 1000;

export function createDeliveryStore(
  db: Kysely<Database>,
  capabilities: Capabilities,
  productId: string,
): DeliveryStore {
  const store: DeliveryStore = {
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
      const reads = hotReadsOf(db);
      const windows = windowsOf(now);
      if (!capabilities.networked) {
        const rows = await reads.interactions({ productId, distinctId });
        if (rows.length <= ungroupedHistoryLimit) {
          return groupInteractions(rows, windows.dayAgo, windows.weekAgo);
        }
      }
      const rows = await reads.history({ productId, distinctId, ...windows });
      return rows.map(toHistoryRow);
    },

    async snapshot(distinctId, now) {
      if (!capabilities.networked) {
        const profile = await store.profile(distinctId);
        const person = profile?.distinctId ?? distinctId;
        return { profile, rows: await store.history(person, now) };
      }
      const [row] = await hotReadsOf(db).snapshot({ productId, distinctId, ...windowsOf(now) });
      // A linked anonymous id (rare): read the person it was merged into instead.
      if (row?.merged_into) {
        const profile = await store.profile(distinctId);
        return { profile, rows: await store.history(profile?.distinctId ?? distinctId, now) };
      }
      return {
        profile: row?.distinct_id ? toProfile(row as ProfileRow) : null,
        rows: (row?.history ?? []).map(toHistoryRow),
      };
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
  return store;
}

const windowsOf = (now: number) => ({ dayAgo: now - day, weekAgo: now - 7 * day });

type GroupedRow = {
  message_id: string;
  type: string;
  n: number;
  last: number;
  n_day: number;
  n_week: number;
};

function toHistoryRow(r: GroupedRow): HistoryRow {
  return {
    messageId: r.message_id,
    type: r.type,
    count: Number(r.n),
    last: Number(r.last),
    countLastDay: Number(r.n_day),
    countLastWeek: Number(r.n_week),
  };
}

async function findUser(db: Kysely<Database>, productId: string, distinctId: string) {
  const [row] = await hotReadsOf(db).user({ productId, distinctId });
  return row;
}

/** The two reads of every `/messages/active` request, compiled once per database. */
const hotReadsOf = perDatabase((db: Kysely<Database>) => compileHotReads(db));

/**
 * Named, never `*`: these statements stay prepared on PostgreSQL connections, and a column
 * added by a newer node's migration would change a `*` statement's result type under them.
 */
const profileColumns = [
  "distinct_id",
  "traits",
  "milestones",
  "churn_prob",
  "merged_into",
] as const;
type ProfileRow = Pick<UsersTable, (typeof profileColumns)[number]>;

type HistoryParams = { productId: string; distinctId: string; dayAgo: number; weekAgo: number };

function compileHotReads(db: Kysely<Database>) {
  const grouped = (p: <K extends keyof HistoryParams>(name: K) => HistoryParams[K]) =>
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
      .groupBy(["message_id", "type"]);
  return {
    user: precompile<Database, { productId: string; distinctId: string }, ProfileRow>(
      "user",
      db,
      (p) =>
        db
          .selectFrom("users")
          .select(profileColumns)
          .where("product_id", "=", p("productId"))
          .where("distinct_id", "=", p("distinctId")),
    ),
    // One more than the limit: more rows than that means "group in SQL instead".
    interactions: precompile<Database, { productId: string; distinctId: string }, InteractionRow>(
      "interactions",
      db,
      (p) =>
        db
          .selectFrom("interactions")
          .select(["message_id", "type", "ts"])
          .where("product_id", "=", p("productId"))
          .where("distinct_id", "=", p("distinctId"))
          .limit(ungroupedHistoryLimit + 1),
    ),
    // Grouped in SQL: a user's rows per (message, type) arrive as one row with its counts.
    history: precompile<Database, HistoryParams, GroupedRow>("history", db, grouped),
    // PostgreSQL only (json_agg): the user row, or nulls, with the grouped history as JSON.
    snapshot: precompile<
      Database,
      HistoryParams,
      Partial<ProfileRow> & { history: GroupedRow[] | null }
    >(
      "snapshot",
      db,
      (p) =>
        sql`select ${sql.join(profileColumns.map((c) => sql.ref(`u.${c}`)))},
              (select json_agg(h) from (${grouped(p)}) h) as history
            from (select 1) one
            left join users u on u.product_id = ${p("productId")} and u.distinct_id = ${p("distinctId")}`,
    ),
  };
}

export function toProfile(row: ProfileRow): UserProfile {
  return {
    distinctId: row.distinct_id,
    traits: parseJson<Record<string, unknown>>(row.traits, {}),
    churnProb: row.churn_prob === null ? null : Number(row.churn_prob),
    milestones: parseJson<string[]>(row.milestones, []),
  };
}
