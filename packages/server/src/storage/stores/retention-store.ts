import type { Kysely } from "kysely";
import type { RetentionStore } from "../../domain/retention/ports.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database } from "../tables.js";
import { rebuildHistories } from "./history-rows.js";

/**
 * Age-based deletes across all products, through the `ts` indexes of migration 005. A batch
 * picks its rows by the index, then deletes them by primary key: portable to both engines
 * (neither `DELETE … LIMIT` nor `ctid` is), and each batch is its own short transaction.
 */
export function createRetentionStore(
  db: Kysely<Database>,
  capabilities: Capabilities,
): RetentionStore {
  return {
    async deleteInteractionsBefore(cutoff, limit, now) {
      return db.transaction().execute(async (trx) => {
        const doomed = await trx
          .selectFrom("interactions")
          .select(["product_id", "uuid", "distinct_id"])
          .where("ts", "<", cutoff)
          .limit(limit)
          .execute();
        if (doomed.length === 0) return 0;
        const result = await trx
          .deleteFrom("interactions")
          .where(({ eb, refTuple, tuple }) =>
            eb(
              refTuple("product_id", "uuid"),
              "in",
              doomed.map((r) => tuple(r.product_id, r.uuid)),
            ),
          )
          .executeTakeFirst();
        // The summaries the rules read must forget what was deleted, in the same transaction.
        const users = new Map<string, Set<string>>();
        for (const r of doomed) {
          const ids = users.get(r.product_id) ?? new Set();
          ids.add(r.distinct_id);
          users.set(r.product_id, ids);
        }
        for (const [productId, ids] of users) {
          await rebuildHistories(trx, capabilities, productId, [...ids], now);
        }
        return Number(result.numDeletedRows);
      });
    },
    async deleteEventsBefore(cutoff, limit) {
      const result = await db
        .deleteFrom("events")
        .where(({ eb, refTuple, selectFrom }) =>
          eb(
            refTuple("product_id", "uuid"),
            "in",
            selectFrom("events")
              .select(["product_id", "uuid"])
              .where("ts", "<", cutoff)
              .limit(limit)
              .$asTuple("product_id", "uuid"),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
