import type { Kysely } from "kysely";
import type { StatementWriter } from "./statement-writer.js";
import type { Database } from "./tables.js";

/** What differs between engines, as flags stores can test instead of engine names. */
export interface Capabilities {
  /** `SELECT … FOR UPDATE` exists (PostgreSQL); SQLite serialises writers instead. */
  rowLocks: boolean;
  /** Cross-node cache invalidation through LISTEN/NOTIFY. */
  listenNotify: boolean;
  /**
   * Each statement is a network round trip (PostgreSQL): hot reads are fetched in one
   * statement. In-process SQLite statements cost microseconds, so simple separate ones win.
   */
  networked: boolean;
  /** Which JSON functions the engine has: SQLite's JSON1 or PostgreSQL's jsonb. */
  jsonArrays: "json1" | "jsonb";
}

export interface StorageHandle {
  db: Kysely<Database>;
  capabilities: Capabilities;
  /** The PostgreSQL schema holding our tables when not `public` (tests use one per file). */
  schema?: string;
  /** Where group-committed ingest writes go (a writer thread for SQLite files). */
  writer: StatementWriter;
  ping(): Promise<void>;
  /** The settings a crash or power failure depends on, as the database applied them. */
  readDurability(): Promise<Record<string, string>>;
  close(): Promise<void>;
}
