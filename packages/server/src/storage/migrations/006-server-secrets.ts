import type { Kysely } from "kysely";

/**
 * Secrets of the installation itself, not of a product (the render-token signing key): made on
 * first use and shared through the database, so every node and every restart agrees on them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("server_secrets")
    .addColumn("name", "varchar(100)", (c) => c.primaryKey())
    .addColumn("secret", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}
