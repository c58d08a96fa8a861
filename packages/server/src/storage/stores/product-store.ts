import type { Kysely } from "kysely";
import type { ProductSettings, ProductStore } from "../../domain/tenancy/ports.js";
import type { Database } from "../tables.js";
import { parseJson, toApiKey, toProduct } from "./rows.js";

/** One product's own row and keys; every statement is filtered by the bound product id. */
export function createProductStore(db: Kysely<Database>, productId: string): ProductStore {
  return {
    productId,

    async get() {
      const row = await db
        .selectFrom("products")
        .selectAll()
        .where("id", "=", productId)
        .executeTakeFirst();
      return row ? toProduct(row) : null;
    },

    async update(patch, now) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("products")
          .selectAll()
          .where("id", "=", productId)
          .executeTakeFirst();
        if (!row) return null;
        const settings = { ...parseJson<Partial<ProductSettings>>(row.settings, {}) };
        for (const [key, value] of Object.entries(patch.settings ?? {})) {
          if (value !== undefined) Object.assign(settings, { [key]: value });
        }
        const next = {
          ...row,
          name: patch.name ?? row.name,
          settings: JSON.stringify(settings),
          updated_at: now,
        };
        await trx
          .updateTable("products")
          .set({ name: next.name, settings: next.settings, updated_at: now })
          .where("id", "=", productId)
          .execute();
        return toProduct(next);
      });
    },

    async listKeys() {
      const rows = await db
        .selectFrom("api_keys")
        .selectAll()
        .where("product_id", "=", productId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toApiKey);
    },

    async createKey(key, now) {
      const row = {
        product_id: productId,
        id: key.id,
        type: key.type,
        name: key.name,
        prefix: key.prefix,
        key_hash: key.keyHash,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto("api_keys").values(row).execute();
      return toApiKey(row);
    },

    async revokeKey(keyId, now) {
      const result = await db
        .updateTable("api_keys")
        .set({ revoked_at: now })
        .where("product_id", "=", productId)
        .where("id", "=", keyId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
