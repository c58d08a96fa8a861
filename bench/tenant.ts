import { compose } from "../packages/server/src/compose.js";
import { type Config, loadConfig, type StorageConfig } from "../packages/server/src/config.js";
import { provisionTenant } from "../packages/server/src/domain/tenancy/setup-service.js";

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
