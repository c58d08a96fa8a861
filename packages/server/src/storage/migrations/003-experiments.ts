import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("experiments")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("id", "varchar(80)", (c) => c.notNull())
    .addColumn("flag_key", "varchar(80)", (c) => c.notNull())
    .addColumn("control_message_id", "varchar(80)", (c) => c.notNull())
    .addColumn("arms", "text", (c) => c.notNull())
    .addColumn("goal", "text", (c) => c.notNull())
    .addColumn("guardrail", "text")
    .addColumn("status", "varchar(20)", (c) => c.notNull())
    .addColumn("winner_key", "varchar(80)")
    .addColumn("applied_at", "bigint")
    .addColumn("applied_by", "varchar(80)")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("experiments_pk", ["product_id", "id"])
    .execute();
}
