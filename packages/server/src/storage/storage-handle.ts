import type { Kysely } from "kysely";
import type { Database } from "./tables.js";

/** What differs between engines, as flags stores can test instead of engine names. */
export interface Capabilities {
  /** `SELECT … FOR UPDATE` exists (PostgreSQL); SQLite serialises writers instead. */
  rowLocks: boolean;
  /** Cross-node cache invalidation through LISTEN/NOTIFY. */
  listenNotify: boolean;
}

export interface StorageHandle {
  db: Kysely<Database>;
  capabilities: Capabilities;
  /** The PostgreSQL schema holding our tables when not `public` (tests use one per file). */
  schema?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}
