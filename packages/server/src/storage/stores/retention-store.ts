import type { Kysely } from "kysely";
import type { RetentionStore } from "../../domain/retention/ports.js";
import type { Database } from "../tables.js";

/**
 * Age-based deletes across all products, through the `ts` indexes of migration 005. A batch
 * picks its rows by the index, then deletes them by primary key: portable to both engines
 * (neither `DELETE … LIMIT` nor `ctid` is), and each statement is its own short transaction.
 */
export function createRetentionStore(db: Kysely<Database>): RetentionStore {
  const deleteBefore = async (table: "interactions" | "events", cutoff: number, limit: number) => {
    const result = await db
      .deleteFrom(table)
      .where(({ eb, refTuple, selectFrom }) =>
        eb(
          refTuple("product_id", "uuid"),
          "in",
          selectFrom(table)
            .select(["product_id", "uuid"])
            .where("ts", "<", cutoff)
            .limit(limit)
            .$asTuple("product_id", "uuid"),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  };
  return {
    deleteInteractionsBefore: (cutoff, limit) => deleteBefore("interactions", cutoff, limit),
    deleteEventsBefore: (cutoff, limit) => deleteBefore("events", cutoff, limit),
  };
}
