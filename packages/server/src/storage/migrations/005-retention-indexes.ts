import type { Kysely } from "kysely";

/**
 * Retention deletes rows older than a cutoff across all products; without an index on `ts`
 * alone every batch would scan the whole table (the existing indexes lead with product_id and
 * message or user). `ts` arrives nearly in order, so these indexes grow at their right edge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("interactions_ts").on("interactions").column("ts").execute();
  await db.schema.createIndex("events_ts").on("events").column("ts").execute();
}
