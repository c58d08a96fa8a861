import type { Kysely } from "kysely";

// Every product-owned table leads its primary key and hot indexes with product_id, so a
// PostgreSQL deployment can later be sharded by product without rewriting keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "varchar(80)", (c) => c.primaryKey())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("plan_limits", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("accounts")
    .addColumn("id", "varchar(80)", (c) => c.primaryKey())
    .addColumn("email", "varchar(320)", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("organization_id", "varchar(80)", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("account_id", "varchar(80)", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("role", "varchar(20)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["organization_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("memberships_account")
    .on("memberships")
    .columns(["account_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "varchar(100)", (c) => c.primaryKey())
    .addColumn("account_id", "varchar(80)", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("products")
    .addColumn("id", "varchar(80)", (c) => c.primaryKey())
    .addColumn("organization_id", "varchar(80)", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("products_organization")
    .on("products")
    .columns(["organization_id"])
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("product_id", "varchar(80)", (c) =>
      c.notNull().references("products.id").onDelete("cascade"),
    )
    .addColumn("id", "varchar(80)", (c) => c.notNull())
    .addColumn("type", "varchar(20)", (c) => c.notNull())
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("prefix", "varchar(40)", (c) => c.notNull())
    .addColumn("key_hash", "varchar(100)", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .addPrimaryKeyConstraint("api_keys_pk", ["product_id", "id"])
    .execute();

  await db.schema
    .createTable("messages")
    .addColumn("product_id", "varchar(80)", (c) =>
      c.notNull().references("products.id").onDelete("cascade"),
    )
    .addColumn("id", "varchar(80)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("experiment_id", "varchar(80)")
    .addColumn("variant_key", "varchar(80)")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("messages_pk", ["product_id", "id"])
    .execute();
  await db.schema
    .createIndex("messages_product_status")
    .on("messages")
    .columns(["product_id", "status", "id"])
    .execute();
}
