import { type CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import type { Capabilities } from "../storage-handle.js";
import type { Database, UsersTable } from "../tables.js";

/**
 * Makes sure the user's row exists and returns it, locked for the rest of the transaction where
 * the engine has row locks (SQLite transactions already exclude other writers).
 */
export async function lockUser(
  trx: Transaction<Database>,
  capabilities: Capabilities,
  productId: string,
  distinctId: string,
  now: number,
): Promise<UsersTable> {
  await insertMissingUser(trx, productId, distinctId, now).execute();
  let query = trx
    .selectFrom("users")
    .selectAll()
    .where("product_id", "=", productId)
    .where("distinct_id", "=", distinctId);
  if (capabilities.rowLocks) query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}

/**
 * Adds a reached milestone to the user's list unless it is there already, as two statements
 * and no read: the user row is created if missing, then the name is appended by the engine's
 * own JSON functions, guarded so a milestone is stored once. Statements rather than a
 * read-modify-write let the batch run as data on a writer thread (see StatementWriter).
 */
export function reachMilestone(
  db: Kysely<Database>,
  capabilities: Capabilities,
  productId: string,
  distinctId: string,
  name: string,
  now: number,
): CompiledQuery[] {
  const appended =
    capabilities.jsonArrays === "jsonb"
      ? sql<string>`(milestones::jsonb || jsonb_build_array(${name}::text))::text`
      : sql<string>`json_insert(milestones, '$[#]', ${name})`;
  const alreadyThere =
    capabilities.jsonArrays === "jsonb"
      ? sql<boolean>`milestones::jsonb @> jsonb_build_array(${name}::text)`
      : sql<boolean>`exists (select 1 from json_each(users.milestones) where value = ${name})`;
  return [
    insertMissingUser(db, productId, distinctId, now).compile(),
    db
      .updateTable("users")
      .set({ milestones: appended, updated_at: now })
      .where("product_id", "=", productId)
      .where("distinct_id", "=", distinctId)
      .where((eb) => eb.not(alreadyThere))
      .compile(),
  ];
}

function insertMissingUser(
  db: Kysely<Database>,
  productId: string,
  distinctId: string,
  now: number,
) {
  return db
    .insertInto("users")
    .values({
      product_id: productId,
      distinct_id: distinctId,
      traits: "{}",
      milestones: "[]",
      churn_prob: null,
      merged_into: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["product_id", "distinct_id"]).doNothing());
}
