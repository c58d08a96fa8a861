import { type Kysely, sql } from "kysely";

/**
 * Every ingested batch asks which of its distinct ids were merged into a known person
 * (`IngestStore.resolveIds`). Through the primary key that is one probe into every user row
 * of the batch plus a table read to see `merged_into`; this partial index holds only merged
 * ids (a small share of users), so the usual answer, "none", comes from a near-empty index.
 * It is written only when identify merges an anonymous id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("users_merged")
    .on("users")
    .columns(["product_id", "distinct_id"])
    .where(sql.ref("merged_into"), "is not", null)
    .execute();
}
