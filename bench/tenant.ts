import { compose } from "../packages/server/src/compose.js";
import { type Config, loadConfig, type StorageConfig } from "../packages/server/src/config.js";
import { provisionTenant } from "../packages/server/src/domain/tenancy/setup-service.js";
import { openPostgres } from "../packages/server/src/storage/dialects/postgres.js";
import { openSqlite } from "../packages/server/src/storage/dialects/sqlite.js";
import { rebuildAllHistories } from "../packages/server/src/storage/stores/history-rows.js";

/** What a seeded database hands to the load phase. */
export interface Seeded {
  dialect: "sqlite" | "postgres";
  productId: string;
  publishableKey: string;
  /** Ids of the active messages, for message_* events in the ingest mix. */
  messageIds: string[];
  users: number;
  /** Environment that points the real server at this database. */
  serverEnv: Record<string, string>;
  /** Seconds per seeding phase. */
  timings: Record<string, number>;
  /** Rows in the events table of the bench product (whose uuid starts with `uuidPrefix`). */
  countEvents(uuidPrefix?: string): Promise<number>;
  drop(): Promise<void>;
}

/**
 * Composes the real server over a fresh database (which runs its migrations) and creates a
 * tenant through the real code path; the bulk load then writes straight into the tables.
 */
export async function provisionBenchTenant(storage: StorageConfig) {
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "warn" }),
    port: 0,
    host: "127.0.0.1",
    storage,
  };
  const services = await compose(config);
  try {
    return await provisionTenant(
      services.stores.tenancy,
      services.clock,
      {
        email: "bench@example.com",
        password: "benchmark password",
        organizationName: "Bench Inc",
        productName: "Bench app",
      },
      { firstRun: true },
    );
  } finally {
    await services.close();
  }
}

/**
 * The per-user summaries `/messages/active` reads, filled from the bulk-loaded interactions by
 * the server's own code (the same function migration 008 runs on an existing database).
 */
export async function rebuildBenchHistories(storage: StorageConfig): Promise<void> {
  const handle =
    storage.kind === "sqlite"
      ? openSqlite({ filename: storage.filename, synchronous: "normal" })
      : await openPostgres(storage);
  try {
    await rebuildAllHistories(handle.db, Date.now());
  } finally {
    await handle.close();
  }
}

/** Runs one seeding phase, prints and records its duration. */
export async function phase<T>(
  timings: Record<string, number>,
  label: string,
  run: () => T | Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  timings[label] = Math.round(seconds * 10) / 10;
  console.log(`  ${label.padEnd(28)} ${seconds.toFixed(1).padStart(6)} s`);
  return result;
}
