import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { durableCommit, GroupCommit } from "../group-commit.js";
import { inProcessWriter, type StatementWriter } from "../statement-writer.js";
import type { StorageHandle } from "../storage-handle.js";
import type { Database } from "../tables.js";
import { startBackgroundCheckpoints } from "./background-checkpoints.js";
import { startSqliteWriterThread } from "./sqlite-writer-thread.js";
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
  const writer = ingestWriter(db, options);
  return {
    db,
    capabilities: { rowLocks: false, listenNotify: false, networked: false, jsonArrays: "json1" },
    writer,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async readDurability() {
      return readSqliteDurability(sqlite);
    },
    async close() {
      await writer.close();
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/**
 * A file database commits ingest on a writer thread (its own connection); an in-memory one can
 * only be reached from this connection, so it, and a writer thread that died, group-commit here.
 */
function ingestWriter(db: Kysely<Database>, options: SqliteOptions): StatementWriter {
  const level = options.synchronous === "full" ? "FULL" : "NORMAL";
  if (options.filename === ":memory:") return inProcessWriter(new GroupCommit(db));
  // At NORMAL nothing is synced per commit anyway; at FULL the sync leaves the event loop.
  const inProcess = () =>
    inProcessWriter(
      new GroupCommit(db, level === "FULL" ? walSyncedGroups(options.filename) : durableCommit),
    );
  return startSqliteWriterThread({
    filename: options.filename,
    synchronous: level,
    fallback: inProcess,
    onError: (message) => console.warn(`nudge: ${message}`),
  });
}

const synchronousNames = ["off", "normal", "full", "extra"];

/** `{journal_mode, synchronous}` as this connection applied them (a refused WAL reads back as "delete"). */
export function readSqliteDurability(sqlite: SQLite.Database): Record<string, string> {
  const journalMode = String(sqlite.pragma("journal_mode", { simple: true })).toLowerCase();
  const level = Number(sqlite.pragma("synchronous", { simple: true }));
  return { journal_mode: journalMode, synchronous: synchronousNames[level] ?? String(level) };
}
