import { Migrator } from "kysely";
import { migrationProvider } from "./migrations/index.js";
import type { StorageHandle } from "./storage-handle.js";

/** Brings the schema up to date; runs at every start, on both engines, from the same list. */
export async function migrateToLatest(storage: StorageHandle): Promise<void> {
  const migrator = new Migrator({
    db: storage.db,
    provider: migrationProvider,
    // Kysely looks for its bookkeeping tables in any schema; pin them to ours.
    ...(storage.schema ? { migrationTableSchema: storage.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause =
      error instanceof Error ? error : new Error(String(error ?? failed?.migrationName));
    throw new Error(`database migration failed: ${cause.message}`, { cause });
  }
}
