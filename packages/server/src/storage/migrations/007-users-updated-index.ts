import type { Kysely } from "kysely";

/**
 * The editor's trait list samples a product's most recently updated people
 * (`PeopleStore.traitKeys`); without this index every editor open would sort all of the
 * product's users. It costs one index update per identify, not per event: ingest only inserts
 * a user row for a distinct id it has not seen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("users_product_updated")
    .on("users")
    .columns(["product_id", "updated_at"])
    .execute();
}
