import type { Kysely } from "kysely";
import { rebuildAllHistories } from "../stores/history-rows.js";
import type { Database } from "../tables.js";

/**
 * Per-user summaries of interactions, kept at ingest, so `/messages/active` reads one row
 * instead of grouping the user's interactions (ADR 0008). Filled from the interactions already
 * stored: on a large installation this first start takes a while (about a minute per ten
 * million interactions on a 2-core machine), once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("user_histories")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("distinct_id", "varchar(200)", (c) => c.notNull())
    .addColumn("entries", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_histories_pk", ["product_id", "distinct_id"])
    .execute();
  await rebuildAllHistories(db as Kysely<Database>, Date.now());
}
