import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { syncDir, syncFile } from "./file-sync.js";
import { inspectSqlite, leaveWalMode, type SqliteFileReport } from "./sqlite-inspect.js";

/** better-sqlite3 copies this many pages per step after its first; we ask for all at once. */
export const allPages = 0x7fffffff;

export interface SqliteBackupReport extends SqliteFileReport {
  ms: number;
}

/**
 * Copies a live SQLite database with SQLite's online backup API, then checks the copy.
 *
 * Safe while the server runs: the copy is one read transaction, which in WAL mode blocks no
 * writer, so it holds exactly the transactions committed when it began. It is taken in one
 * step on purpose: the API restarts a stepwise copy whenever another connection writes, so
 * under steady ingest a stepwise copy might never finish. The copy is written beside `dest`,
 * verified with `PRAGMA integrity_check`, synced, and only then renamed to `dest`, so `dest`
 * is never a half-written or unchecked file.
 */
export async function backupSqlite(source: string, dest: string): Promise<SqliteBackupReport> {
  const started = performance.now();
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  const partial = `${dest}.partial`;
  removeDatabaseFiles(partial);
  try {
    // Read-only: a backup never writes the database it copies.
    const live = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      live.pragma("busy_timeout = 5000");
      await live.backup(partial, { progress: () => allPages });
    } finally {
      live.close();
    }
    leaveWalMode(partial);
    const report = inspectSqlite(partial);
    if (report.integrity !== "ok") {
      throw new Error(`the copy failed integrity_check: ${report.integrity}`);
    }
    syncFile(partial);
    renameSync(partial, dest);
    syncDir(dirname(dest));
    return { ...report, file: dest, ms: Math.round(performance.now() - started) };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}

/** Removes a database file and the journal files SQLite may have left beside it. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}
