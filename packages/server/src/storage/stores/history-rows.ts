import type { Kysely, Transaction } from "kysely";
import {
  addInteractions,
  type Counted,
  type HistorySummary,
  mergeSummaries,
  parseSummary,
  recentMs,
} from "../../domain/delivery/history-summary.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database } from "../tables.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows per write statement: 4,000 parameters, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const statementRows = 1000;

/**
 * The `user_histories` rows of these users, locked for the rest of the transaction where the
 * engine has row locks. A row is created first when missing, so that two transactions adding a
 * user's first interactions wait for each other instead of both writing "the" first summary.
 */
async function lockHistories(
  trx: Executor,
  capabilities: Capabilities,
  productId: string,
  distinctIds: string[],
  now: number,
): Promise<Map<string, HistorySummary>> {
  // Sorted: concurrent transactions lock rows in one order, so they cannot deadlock.
  const ids = [...new Set(distinctIds)].sort();
  const summaries = new Map<string, HistorySummary>(ids.map((id) => [id, []]));
  if (ids.length === 0) return summaries;
  if (capabilities.rowLocks) {
    await trx
      .insertInto("user_histories")
      .values(
        ids.map((id) => ({
          product_id: productId,
          distinct_id: id,
          entries: "[]",
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["product_id", "distinct_id"]).doNothing())
      .execute();
  }
  let query = trx
    .selectFrom("user_histories")
    .select(["distinct_id", "entries"])
    .where("product_id", "=", productId)
    .where("distinct_id", "in", ids)
    .orderBy("distinct_id");
  if (capabilities.rowLocks) query = query.forUpdate();
  for (const row of await query.execute())
    summaries.set(row.distinct_id, parseSummary(row.entries));
  return summaries;
}

/** Writes summaries back: an empty one is no row at all. */
async function storeHistories(
  trx: Executor,
  productId: string,
  summaries: Map<string, HistorySummary>,
  now: number,
): Promise<void> {
  const kept = [...summaries].filter(([, s]) => s.length > 0);
  const emptied = [...summaries].filter(([, s]) => s.length === 0).map(([id]) => id);
  // In slices: a rebuild writes thousands of rows, and each engine caps a statement's parameters.
  for (let i = 0; i < kept.length; i += statementRows) {
    await trx
      .insertInto("user_histories")
      .values(
        kept.slice(i, i + statementRows).map(([id, s]) => ({
          product_id: productId,
          distinct_id: id,
          entries: JSON.stringify(s),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["product_id", "distinct_id"]).doUpdateSet((eb) => ({
          entries: eb.ref("excluded.entries"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
  for (let i = 0; i < emptied.length; i += statementRows) {
    await trx
      .deleteFrom("user_histories")
      .where("product_id", "=", productId)
      .where("distinct_id", "in", emptied.slice(i, i + statementRows))
      .execute();
  }
}

/** Counts newly stored interactions into their users' summaries, in the ingest transaction. */
export async function applyInteractions(
  trx: Transaction<Database>,
  capabilities: Capabilities,
  productId: string,
  items: (Counted & { distinctId: string })[],
  now: number,
): Promise<void> {
  if (items.length === 0) return;
  const byUser = new Map<string, Counted[]>();
  for (const item of items) {
    const list = byUser.get(item.distinctId) ?? [];
    list.push(item);
    byUser.set(item.distinctId, list);
  }
  const summaries = await lockHistories(trx, capabilities, productId, [...byUser.keys()], now);
  for (const [id, summary] of summaries) addInteractions(summary, byUser.get(id) ?? [], now);
  await storeHistories(trx, productId, summaries, now);
}

/** An anonymous id's summary folded into its person's (their interactions moved the same way). */
export async function mergeHistories(
  trx: Transaction<Database>,
  capabilities: Capabilities,
  productId: string,
  fromId: string,
  intoId: string,
  now: number,
): Promise<void> {
  const summaries = await lockHistories(trx, capabilities, productId, [fromId, intoId], now);
  mergeSummaries(summaries.get(intoId)!, summaries.get(fromId)!, now);
  summaries.set(fromId, []);
  await storeHistories(trx, productId, summaries, now);
}

/**
 * Recomputes these users' summaries from their interactions, after rows were deleted (retention)
 * or when the table is first filled. Run it in a transaction: the rows are locked before the
 * interactions are read, so an ingest committing meanwhile is either seen or waits.
 */
export async function rebuildHistories(
  trx: Executor,
  capabilities: Capabilities,
  productId: string,
  distinctIds: string[],
  now: number,
): Promise<void> {
  const summaries = await lockHistories(trx, capabilities, productId, distinctIds, now);
  const ids = [...summaries.keys()];
  if (ids.length === 0) return;
  const grouped = await trx
    .selectFrom("interactions")
    .select(["distinct_id", "message_id", "type"])
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max<number>("ts").as("last")])
    .where("product_id", "=", productId)
    .where("distinct_id", "in", ids)
    .groupBy(["distinct_id", "message_id", "type"])
    .execute();
  const recent = await trx
    .selectFrom("interactions")
    .select(["distinct_id", "message_id", "type", "ts"])
    .where("product_id", "=", productId)
    .where("distinct_id", "in", ids)
    .where("ts", ">", now - recentMs)
    .execute();
  const recentOf = new Map<string, number[]>();
  for (const r of recent) {
    const key = `${r.distinct_id}\u0000${r.message_id}\u0000${r.type}`;
    const list = recentOf.get(key) ?? [];
    list.push(Number(r.ts));
    recentOf.set(key, list);
  }
  for (const id of ids) summaries.set(id, []);
  for (const g of grouped) {
    const key = `${g.distinct_id}\u0000${g.message_id}\u0000${g.type}`;
    summaries
      .get(g.distinct_id)!
      .push([g.message_id, g.type, Number(g.n), Number(g.last), recentOf.get(key) ?? []]);
  }
  // Through the same pruning as ingest, so a rebuilt summary is stored exactly as a kept one.
  for (const summary of summaries.values()) addInteractions(summary, [], now);
  await storeHistories(trx, productId, summaries, now);
}

/**
 * Fills `user_histories` from every stored interaction, page by page of users in index order.
 * For the migration that creates the table and for bulk loads (the benchmark's seed), when no
 * client writes run concurrently.
 */
export async function rebuildAllHistories(
  db: Executor,
  now: number,
  pageSize = 20_000,
): Promise<number> {
  const noLocks: Capabilities = { rowLocks: false, listenNotify: false, networked: false };
  let after = { productId: "", distinctId: "" };
  let users = 0;
  for (;;) {
    // A plain ordered walk of the (product, distinct id, …) index that stops at the limit; a
    // DISTINCT here was planned by PostgreSQL as an aggregate over every remaining row per page.
    // A user cut at the page's end is rebuilt whole (by id), and the next page starts after them.
    const page = await db
      .selectFrom("interactions")
      .select(["product_id", "distinct_id"])
      .where(({ eb, refTuple, tuple }) =>
        eb(refTuple("product_id", "distinct_id"), ">", tuple(after.productId, after.distinctId)),
      )
      .orderBy("product_id")
      .orderBy("distinct_id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return users;
    const byProduct = new Map<string, Set<string>>();
    for (const r of page) {
      const ids = byProduct.get(r.product_id) ?? new Set<string>();
      ids.add(r.distinct_id);
      byProduct.set(r.product_id, ids);
    }
    for (const [productId, ids] of byProduct) {
      await rebuildHistories(db, noLocks, productId, [...ids], now);
      users += ids.size;
    }
    const last = page.at(-1)!;
    after = { productId: last.product_id, distinctId: last.distinct_id };
  }
}

/** One user's summary as stored (the rare second read after following an anonymous-id link). */
export async function readHistory(
  db: Executor,
  productId: string,
  distinctId: string,
): Promise<HistorySummary> {
  const row = await db
    .selectFrom("user_histories")
    .select("entries")
    .where("product_id", "=", productId)
    .where("distinct_id", "=", distinctId)
    .executeTakeFirst();
  return parseSummary(row?.entries);
}
