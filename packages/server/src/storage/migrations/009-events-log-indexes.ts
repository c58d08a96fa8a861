import type { Kysely } from "kysely";

/**
 * Events become an append-only log (ADR 0011). `events_user_time` keyed every event by its user,
 * so each insert landed on a random page of an index as large as the table: on the 1,000,000-user
 * bench database that one index cut SQLite ingest from 24,200–26,900 to 10,500–10,900 events/s.
 * Its two readers change instead: identify no longer rewrites past events to the known id
 * (the users row records the link), and the experiment event goal reads the goal's events in
 * time order through this index, whose inserts land at the right edge of each event name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("events_user_time").execute();
  await db.schema
    .createIndex("events_name_time")
    .on("events")
    .columns(["product_id", "event", "ts", "distinct_id"])
    .execute();
}
