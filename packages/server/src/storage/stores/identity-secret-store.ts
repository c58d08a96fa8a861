import type { Kysely } from "kysely";
import type { IdentitySecretStore, StoredIdentitySecret } from "../../domain/tenancy/ports.js";
import type { Database, IdentitySecretsTable } from "../tables.js";

const toSecret = (row: IdentitySecretsTable): StoredIdentitySecret => ({
  secret: row.secret,
  createdAt: row.created_at,
});

/** One product's identity-verification secret; every statement is bound to that product. */
export function createIdentitySecretStore(
  db: Kysely<Database>,
  productId: string,
): IdentitySecretStore {
  const read = () =>
    db
      .selectFrom("identity_secrets")
      .selectAll()
      .where("product_id", "=", productId)
      .executeTakeFirst();

  return {
    async get() {
      const row = await read();
      return row ? toSecret(row) : null;
    },

    async getOrCreate(candidate, now) {
      // Two nodes creating at once: the first insert wins and both answer the winner's secret.
      await db
        .insertInto("identity_secrets")
        .values({ product_id: productId, secret: candidate, created_at: now })
        .onConflict((oc) => oc.column("product_id").doNothing())
        .execute();
      const row = await read();
      if (!row) throw new Error(`identity secret of ${productId} vanished after insert`);
      return toSecret(row);
    },

    async replace(secret, now) {
      const row = { product_id: productId, secret, created_at: now };
      await db
        .insertInto("identity_secrets")
        .values(row)
        .onConflict((oc) => oc.column("product_id").doUpdateSet({ secret, created_at: now }))
        .execute();
      return toSecret(row);
    },
  };
}
