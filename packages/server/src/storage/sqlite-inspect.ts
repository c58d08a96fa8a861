import { statSync } from "node:fs";
import SQLite from "better-sqlite3";

/** The tables whose row counts a backup or restore prints: what an operator recognises. */
const countedTables = [
  "organizations",
  "products",
  "messages",
  "users",
  "interactions",
  "events",
] as const;

export interface SqliteFileReport {
  file: string;
  bytes: number;
  /** `PRAGMA integrity_check`'s answer: "ok", or the first problems it found. */
  integrity: string;
  /** Row counts of the main tables; a table missing from the file is absent here. */
  rows: Record<string, number>;
  /** Migrations recorded in the file, oldest first; empty when it is not a Nudge database. */
  migrations: string[];
}

/** Opens a database file read-only and checks every page, index and constraint in it. */
export function inspectSqlite(file: string): SqliteFileReport {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const problems = db.pragma("integrity_check(20)") as { integrity_check: string }[];
    const integrity = problems.map((p) => p.integrity_check).join("; ");
    const tables = new Set(
      (
        db.prepare("select name from sqlite_master where type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    const rows: Record<string, number> = {};
    for (const table of countedTables) {
      if (!tables.has(table)) continue;
      rows[table] = (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    }
    const migrations = tables.has("kysely_migration")
      ? (
          db.prepare("select name from kysely_migration order by name").all() as { name: string }[]
        ).map((m) => m.name)
      : [];
    return { file, bytes: statSync(file).size, integrity, rows, migrations };
  } finally {
    db.close();
  }
}

/** Makes a copied database one self-contained file (no -wal beside it), readable anywhere. */
export function leaveWalMode(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}
