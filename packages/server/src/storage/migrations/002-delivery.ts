import type { Kysely } from "kysely";

/** Users, interactions, events and segments: the data the delivery rules read and write. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("distinct_id", "varchar(200)", (c) => c.notNull())
    .addColumn("traits", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("milestones", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("churn_prob", "double precision")
    // Set when an anonymous id was linked to a known user: reads follow it to the person.
    .addColumn("merged_into", "varchar(200)")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("users_pk", ["product_id", "distinct_id"])
    .execute();
  // topN thresholds read the k-th highest score through this index, never a full count.
  await db.schema
    .createIndex("users_product_score")
    .on("users")
    .columns(["product_id", "churn_prob"])
    .execute();

  await db.schema
    .createTable("interactions")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("uuid", "varchar(100)", (c) => c.notNull())
    .addColumn("message_id", "varchar(80)", (c) => c.notNull())
    .addColumn("distinct_id", "varchar(200)", (c) => c.notNull())
    .addColumn("type", "varchar(20)", (c) => c.notNull())
    .addColumn("step", "integer")
    .addColumn("variant_key", "varchar(80)")
    .addColumn("ts", "bigint", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("interactions_pk", ["product_id", "uuid"])
    .execute();
  // The hot read: one range scan gives a user's whole history, grouped per message and type,
  // answered from the index alone (covering).
  await db.schema
    .createIndex("interactions_user_history")
    .on("interactions")
    .columns(["product_id", "distinct_id", "message_id", "type", "ts"])
    .execute();
  await db.schema
    .createIndex("interactions_message_stats")
    .on("interactions")
    .columns(["product_id", "message_id", "type", "ts"])
    .execute();

  await db.schema
    .createTable("events")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("uuid", "varchar(100)", (c) => c.notNull())
    .addColumn("event", "varchar(200)", (c) => c.notNull())
    .addColumn("distinct_id", "varchar(200)", (c) => c.notNull())
    .addColumn("properties", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("ts", "bigint", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("events_pk", ["product_id", "uuid"])
    .execute();
  await db.schema
    .createIndex("events_user_time")
    .on("events")
    .columns(["product_id", "distinct_id", "ts"])
    .execute();

  await db.schema
    .createTable("event_names")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("last_seen", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_names_pk", ["product_id", "name"])
    .execute();

  await db.schema
    .createTable("segments")
    .addColumn("product_id", "varchar(80)", (c) => c.notNull())
    .addColumn("id", "varchar(80)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("filter", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("segments_pk", ["product_id", "id"])
    .execute();
}
