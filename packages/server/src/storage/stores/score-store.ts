import type { Kysely } from "kysely";
import type { ScoreStore } from "../../domain/audiences/ports.js";
import type { Database } from "../tables.js";

export function createScoreStore(db: Kysely<Database>, productId: string): ScoreStore {
  return {
    async upsert(scores, now) {
      await db.transaction().execute(async (trx) => {
        // Chunks keep each statement well under SQLite's bound-parameter limit.
        for (let i = 0; i < scores.length; i += 500) {
          const chunk = scores.slice(i, i + 500);
          await trx
            .insertInto("users")
            .values(
              chunk.map((s) => ({
                product_id: productId,
                distinct_id: s.distinctId,
                traits: "{}",
                milestones: "[]",
                churn_prob: s.churnProb,
                merged_into: null,
                created_at: now,
                updated_at: now,
              })),
            )
            .onConflict((oc) =>
              oc.columns(["product_id", "distinct_id"]).doUpdateSet((eb) => ({
                churn_prob: eb.ref("excluded.churn_prob"),
                updated_at: now,
              })),
            )
            .execute();
        }
      });
    },
  };
}
