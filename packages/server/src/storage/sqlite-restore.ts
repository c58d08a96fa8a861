import { existsSync, linkSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { syncDir, syncFile } from "./file-sync.js";
import { allPages, removeDatabaseFiles } from "./sqlite-backup.js";
import { inspectSqlite, leaveWalMode, type SqliteFileReport } from "./sqlite-inspect.js";

/** Restore refused because another connection (a running server) has the database open. */
export class DatabaseInUseError extends Error {}

export interface SqliteRestoreReport extends SqliteFileReport {
  /** Where the database that was replaced now is; absent when there was none. */
  previous?: string;
  ms: number;
}

/**
 * Puts a backup in place of the database at `target`, only while nothing has `target` open.
 *
 * 1. The backup is copied beside `target` (same filesystem: the final rename is atomic) and
 *    the copy is checked: `integrity_check` must be "ok", and it must be a Nudge database
 *    whose migrations this version knows. Until then nothing at `target` is touched.
 * 2. The live file is switched out of WAL mode, which SQLite allows only to the sole
 *    connection: it fails while a server (or its checkpoint thread) has the file open. It
 *    also folds a WAL left by a crash into that file, so the file set aside is complete.
 * 3. Holding an exclusive lock (a server starting now fails instead of opening the old
 *    file), the live file gets a second name to keep it, stale -wal/-shm files are removed
 *    (SQLite would otherwise replay them into the restored file) and the checked copy is
 *    renamed over it.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  knownMigrations: readonly string[],
): Promise<SqliteRestoreReport> {
  const started = performance.now();
  if (!existsSync(backup)) throw new Error(`there is no backup at ${backup}`);
  mkdirSync(dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  removeDatabaseFiles(incoming);
  try {
    try {
      const source = new SQLite(backup, { readonly: true, fileMustExist: true });
      try {
        await source.backup(incoming, { progress: () => allPages });
      } finally {
        source.close();
      }
    } catch (error) {
      throw new Error(`${backup} cannot be read as a SQLite database (${messageOf(error)})`);
    }
    leaveWalMode(incoming);
    const report = inspectSqlite(incoming);
    checkRestorable(report, backup, knownMigrations);
    syncFile(incoming);
    const previous = existsSync(target) ? swapIn(incoming, target) : undefined;
    if (!previous) renameSync(incoming, target);
    syncDir(dirname(target));
    const ms = Math.round(performance.now() - started);
    return { ...report, file: target, ...(previous ? { previous } : {}), ms };
  } catch (error) {
    removeDatabaseFiles(incoming);
    throw error;
  }
}

function checkRestorable(report: SqliteFileReport, backup: string, known: readonly string[]) {
  if (report.integrity !== "ok") {
    throw new Error(`${backup} failed integrity_check: ${report.integrity}`);
  }
  if (report.migrations.length === 0) throw new Error(`${backup} is not a Nudge database`);
  const unknown = report.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new Error(
      `${backup} was written by a newer Nudge (migrations ${unknown.join(", ")}); ` +
        "restore it with that version or later",
    );
  }
}

/** Steps 2 and 3 above; answers where the replaced database was put. */
function swapIn(incoming: string, target: string): string {
  const live = openLive(target);
  try {
    live.pragma("busy_timeout = 0");
    let mode: unknown;
    try {
      mode = live.pragma("journal_mode = DELETE", { simple: true });
    } catch (error) {
      if (!isBusy(error)) throw cannotOpen(target, error);
    }
    if (mode !== "delete") {
      throw new DatabaseInUseError(
        `${target} is in use (is the Nudge server still running?); stop it, then restore`,
      );
    }
    live.exec("begin exclusive");
    const previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    // A second name for the old file, then one atomic rename over it: at no moment is there
    // no database at `target` (a server started then would create an empty one).
    linkSync(target, previous);
    for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(target + suffix, { force: true });
    renameSync(incoming, target);
    live.exec("rollback");
    return previous;
  } finally {
    live.close();
  }
}

function openLive(target: string): SQLite.Database {
  try {
    return new SQLite(target, { fileMustExist: true });
  } catch (error) {
    throw cannotOpen(target, error);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function cannotOpen(target: string, error: unknown): Error {
  return new Error(
    `cannot open the current database ${target} (${messageOf(error)}); if no Nudge server is running, ` +
      "move it aside and restore again",
  );
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}
