import type { Kysely } from "kysely";
import type { PeopleStore } from "../../domain/audiences/ports.js";
import type { Database } from "../tables.js";
import { parseJson } from "./rows.js";

export function createPeopleStore(db: Kysely<Database>, productId: string): PeopleStore {
  const row = (distinctId: string) =>
    db
      .selectFrom("users")
      .select(["distinct_id", "traits", "merged_into"])
      .where("product_id", "=", productId)
      .where("distinct_id", "=", distinctId)
      .executeTakeFirst();
  return {
    async traitKeys(sample) {
      const rows = await db
        .selectFrom("users")
        .select("traits")
        .where("product_id", "=", productId)
        .where("merged_into", "is", null)
        .orderBy("updated_at", "desc")
        .limit(sample)
        .execute();
      const keys = new Map<string, number>();
      for (const r of rows)
        for (const key of Object.keys(parseJson<Record<string, unknown>>(r.traits, {})))
          keys.set(key, (keys.get(key) ?? 0) + 1);
      return { keys, sampled: rows.length };
    },
    async traits(distinctId) {
      let found = await row(distinctId);
      // identify() links an anonymous id to one known person; links are never chained.
      if (found?.merged_into) found = await row(found.merged_into);
      if (!found) return null;
      return { distinctId: found.distinct_id, traits: parseJson(found.traits, {}) };
    },
  };
}
