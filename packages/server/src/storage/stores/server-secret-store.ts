import type { Kysely } from "kysely";
import type { ServerSecretStore } from "../../domain/render/ports.js";
import type { Database } from "../tables.js";

/** Installation-wide secrets (not product data, so not under forProduct). */
export function createServerSecretStore(db: Kysely<Database>): ServerSecretStore {
  return {
    async getOrCreate(name, candidate, now) {
      // Two nodes starting at once: the first insert wins and both read the winner's secret.
      await db
        .insertInto("server_secrets")
        .values({ name, secret: candidate, created_at: now })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const row = await db
        .selectFrom("server_secrets")
        .select("secret")
        .where("name", "=", name)
        .executeTakeFirst();
      if (!row) throw new Error(`server secret ${name} vanished after insert`);
      return row.secret;
    },
  };
}
