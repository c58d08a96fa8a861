import type { Transaction } from "kysely";
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
  await trx
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
    .onConflict((oc) => oc.columns(["product_id", "distinct_id"]).doNothing())
    .execute();
  let query = trx
    .selectFrom("users")
    .selectAll()
    .where("product_id", "=", productId)
    .where("distinct_id", "=", distinctId);
  if (capabilities.rowLocks) query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}
