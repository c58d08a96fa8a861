import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import type { StorageHandle } from "../storage-handle.js";
import type { Database } from "../tables.js";
import { startBackgroundCheckpoints } from "./background-checkpoints.js";
import { cachingStatements } from "./statement-cache.js";
import { walSyncedGroups } from "./wal-sync.js";

export interface SqliteOptions {
  /** A file path, or ":memory:" for tests. */
  filename: string;
  /** "full" (default) survives power loss; "normal" trades the last transactions for speed. */
  synchronous: "full" | "normal";
}

export function openSqlite(options: SqliteOptions): StorageHandle {
  if (options.filename !== ":memory:") mkdirSync(dirname(options.filename), { recursive: true });
  const sqlite = new SQLite(options.filename);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Measured on these machines: a large page cache makes the cap lookup 5–10× faster.
  sqlite.pragma("cache_size = -131072");
  const checkpoints =
    options.filename === ":memory:"
      ? null
      : startBackgroundCheckpoints(sqlite, {
          filename: options.filename,
          synchronous: options.synchronous === "full" ? "FULL" : "NORMAL",
          onError: (message) => console.warn(`nudge: ${message}`),
        });
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
  });
  return {
    db,
    capabilities: { rowLocks: false, listenNotify: false, networked: false },
    // At "normal" nothing is synced per commit anyway; an in-memory database has no file.
    ...(options.synchronous === "full" &&
      options.filename !== ":memory:" && { groupDurability: walSyncedGroups(options.filename) }),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async readDurability() {
      return readSqliteDurability(sqlite);
    },
    async close() {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

const synchronousNames = ["off", "normal", "full", "extra"];

/** `{journal_mode, synchronous}` as this connection applied them (a refused WAL reads back as "delete"). */
export function readSqliteDurability(sqlite: SQLite.Database): Record<string, string> {
  const journalMode = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  const level = Number(sqlite.pragma("synchronous", { simple: true }));
  return { journal_mode: journalMode, synchronous: synchronousNames[level] ?? String(level) };
}
