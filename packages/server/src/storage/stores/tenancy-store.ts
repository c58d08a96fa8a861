import type { Product, Role } from "@nudge/schema";
import type { Kysely } from "kysely";
import type {
  AccountRecord,
  KeyRecord,
  Membership,
  PlanLimits,
  TenancyStore,
} from "../../domain/tenancy/ports.js";
import type { Database } from "../tables.js";
import { parseJson, toProduct } from "./rows.js";

export function createTenancyStore(db: Kysely<Database>): TenancyStore {
  return {
    async countAccounts() {
      const row = await db
        .selectFrom("accounts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async createTenant({ onlyIfNoAccounts, organization, account, product, keys, now }) {
      return db.transaction().execute(async (trx) => {
        // Re-checked inside the transaction; the unique email plus this count close the race
        // between two first-run requests.
        if (onlyIfNoAccounts) {
          const existing = await trx
            .selectFrom("accounts")
            .select("id")
            .limit(1)
            .executeTakeFirst();
          if (existing) return false;
        }
        await trx
          .insertInto("organizations")
          .values({
            id: organization.id,
            name: organization.name,
            plan_limits: "{}",
            created_at: now,
          })
          .execute();
        await trx
          .insertInto("accounts")
          .values({
            id: account.id,
            email: account.email,
            password_hash: account.passwordHash,
            created_at: now,
          })
          .execute();
        await trx
          .insertInto("memberships")
          .values({
            organization_id: organization.id,
            account_id: account.id,
            role: "owner",
            created_at: now,
          })
          .execute();
        await trx
          .insertInto("products")
          .values({
            id: product.id,
            organization_id: organization.id,
            name: product.name,
            settings: JSON.stringify(product.settings),
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const key of keys) {
          await trx
            .insertInto("api_keys")
            .values({
              product_id: product.id,
              id: key.id,
              type: key.type,
              name: key.name,
              prefix: key.prefix,
              key_hash: key.keyHash,
              created_at: now,
              last_used_at: null,
              revoked_at: null,
            })
            .execute();
        }
        return true;
      });
    },

    async findAccountByEmail(email) {
      const row = await db
        .selectFrom("accounts")
        .selectAll()
        .where("email", "=", email)
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },

    async findAccount(id) {
      const row = await db
        .selectFrom("accounts")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },

    async createAccount(account, now) {
      const result = await db
        .insertInto("accounts")
        .values({
          id: account.id,
          email: account.email,
          password_hash: account.passwordHash,
          created_at: now,
        })
        .onConflict((oc) => oc.column("email").doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async addMembership(organizationId, accountId, role, now) {
      await db
        .insertInto("memberships")
        .values({ organization_id: organizationId, account_id: accountId, role, created_at: now })
        .onConflict((oc) => oc.columns(["organization_id", "account_id"]).doUpdateSet({ role }))
        .execute();
    },

    async memberships(accountId): Promise<Membership[]> {
      const rows = await db
        .selectFrom("memberships")
        .innerJoin("organizations", "organizations.id", "memberships.organization_id")
        .select(["memberships.organization_id", "memberships.role", "organizations.name"])
        .where("memberships.account_id", "=", accountId)
        .orderBy("organizations.created_at")
        .execute();
      return rows.map((r) => ({
        organizationId: r.organization_id,
        organizationName: r.name,
        role: r.role as Role,
      }));
    },

    async members(organizationId) {
      const rows = await db
        .selectFrom("memberships")
        .innerJoin("accounts", "accounts.id", "memberships.account_id")
        .select(["accounts.id", "accounts.email", "memberships.role"])
        .where("memberships.organization_id", "=", organizationId)
        .orderBy("memberships.created_at")
        .orderBy("accounts.email")
        .execute();
      return rows.map((r) => ({ accountId: r.id, email: r.email, role: r.role as Role }));
    },

    async removeMembership(organizationId, accountId) {
      await db
        .deleteFrom("memberships")
        .where("organization_id", "=", organizationId)
        .where("account_id", "=", accountId)
        .execute();
    },

    async roleIn(organizationId, accountId) {
      const row = await db
        .selectFrom("memberships")
        .select("role")
        .where("organization_id", "=", organizationId)
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return (row?.role as Role | undefined) ?? null;
    },

    async planLimits(organizationId) {
      const row = await db
        .selectFrom("organizations")
        .select("plan_limits")
        .where("id", "=", organizationId)
        .executeTakeFirst();
      return row ? parseJson<PlanLimits>(row.plan_limits, {}) : {};
    },

    async setPlanLimits(organizationId, limits) {
      await db
        .updateTable("organizations")
        .set({ plan_limits: JSON.stringify(limits) })
        .where("id", "=", organizationId)
        .execute();
    },

    async createSession(tokenHash, accountId, now, expiresAt) {
      await db
        .insertInto("sessions")
        .values({
          token_hash: tokenHash,
          account_id: accountId,
          created_at: now,
          expires_at: expiresAt,
        })
        .execute();
    },

    async findSession(tokenHash, now) {
      const row = await db
        .selectFrom("sessions")
        .select("account_id")
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", now)
        .executeTakeFirst();
      return row ? { accountId: row.account_id } : null;
    },

    async deleteSession(tokenHash) {
      await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    },

    async findKeyByHash(keyHash): Promise<KeyRecord | null> {
      const row = await db
        .selectFrom("api_keys")
        .innerJoin("products", "products.id", "api_keys.product_id")
        .select([
          "api_keys.id",
          "api_keys.product_id",
          "api_keys.type",
          "api_keys.revoked_at",
          "products.organization_id",
        ])
        .where("api_keys.key_hash", "=", keyHash)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        productId: row.product_id,
        organizationId: row.organization_id,
        type: row.type === "secret" ? "secret" : "publishable",
        revoked: row.revoked_at !== null,
      };
    },

    async touchKey(productId, keyId, now) {
      await db
        .updateTable("api_keys")
        .set({ last_used_at: now })
        .where("product_id", "=", productId)
        .where("id", "=", keyId)
        .execute();
    },

    async productsOfOrganizations(organizationIds): Promise<Product[]> {
      if (organizationIds.length === 0) return [];
      const rows = await db
        .selectFrom("products")
        .selectAll()
        .where("organization_id", "in", organizationIds)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toProduct);
    },

    async findProduct(productId) {
      const row = await db
        .selectFrom("products")
        .selectAll()
        .where("id", "=", productId)
        .executeTakeFirst();
      return row ? toProduct(row) : null;
    },

    async createProduct(product, now) {
      const row = {
        id: product.id,
        organization_id: product.organizationId,
        name: product.name,
        settings: JSON.stringify(product.settings),
        created_at: now,
        updated_at: now,
      };
      await db.insertInto("products").values(row).execute();
      return toProduct(row);
    },
  };
}

function toAccount(row: { id: string; email: string; password_hash: string }): AccountRecord {
  return { id: row.id, email: row.email, passwordHash: row.password_hash };
}
