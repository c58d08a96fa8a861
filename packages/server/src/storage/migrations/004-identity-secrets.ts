import type { Kysely } from "kysely";

/**
 * One identity-verification secret per product. Kept out of `products.settings` so that no
 * product read (lists, caches, the active-set read model) ever carries it by accident.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("identity_secrets")
    .addColumn("product_id", "varchar(80)", (c) =>
      c.primaryKey().references("products.id").onDelete("cascade"),
    )
    .addColumn("secret", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
