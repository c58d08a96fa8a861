import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Distinct SQL texts kept; bulk inserts of every batch size each have their own text. */
const maxStatements = 512;

/**
 * Kysely's SQLite driver prepares every query anew; better-sqlite3 keeps no statement cache, so
 * each request paid SQLite's parser and planner again (measured: 6.7% of /messages/active CPU,
 * and the same two reads took half the time as reused prepared statements). This hands Kysely
 * the same prepared statement for the same SQL text. Safe because the driver is synchronous:
 * a statement finishes its `all`/`run` before the next query starts. Streaming (`iterate`)
 * keeps a statement busy across awaits, so it always gets a fresh one.
 */
/**
 * Kysely opens every transaction with a plain (deferred) `begin`. Another connection writes to
 * the same file (the ingest writer thread), and a deferred transaction that read before it
 * writes fails at once with SQLITE_BUSY_SNAPSHOT when that connection committed in between:
 * the busy timeout never applies to it. Taking the write lock at `begin` makes such a
 * transaction wait its turn instead.
 */
const beginImmediate = "begin immediate";

export function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let stmt = cache.get(sql);
      if (stmt) return stmt;
      const prepared = sqlite.prepare(sql === "begin" ? beginImmediate : sql);
      stmt = {
        reader: prepared.reader,
        all: (parameters) => prepared.all(parameters),
        run: (parameters) => prepared.run(parameters),
        iterate: (parameters) => sqlite.prepare(sql).iterate(parameters),
      };
      // Crude bound, kept simple on purpose: the working set is a few dozen texts.
      if (cache.size >= maxStatements) cache.clear();
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
