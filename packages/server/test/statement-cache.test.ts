import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { cachingStatements } from "../src/storage/dialects/statement-cache.js";

// SQLite-only by nature: PostgreSQL's driver has no prepare step to cache.
describe("cachingStatements (SQLite)", () => {
  let sqlite: SQLite.Database;
  afterEach(() => sqlite?.open && sqlite.close());

  it("hands back one prepared statement per SQL text, with each call's parameters", () => {
    sqlite = new SQLite(":memory:");
    const prepare = sqlite.prepare.bind(sqlite);
    let prepared = 0;
    sqlite.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof sqlite.prepare;
    const db = cachingStatements(sqlite);
    db.prepare("create table t (a integer)").run([]);
    const insert = db.prepare("insert into t values (?)");
    expect(db.prepare("insert into t values (?)")).toBe(insert);
    insert.run([1]);
    db.prepare("insert into t values (?)").run([2]);
    expect(db.prepare("select a from t where a > ? order by a").all([0])).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
    expect(db.prepare("select a from t where a > ? order by a").all([1])).toEqual([{ a: 2 }]);
    expect(prepared).toBe(3);
  });

  it("gives a streaming read its own statement, so a cached one can run meanwhile", () => {
    sqlite = new SQLite(":memory:");
    const db = cachingStatements(sqlite);
    db.prepare("create table t (a integer)").run([]);
    for (const a of [1, 2, 3]) db.prepare("insert into t values (?)").run([a]);
    const text = "select a from t order by a";
    const seen: unknown[] = [];
    for (const row of db.prepare(text).iterate([])) {
      seen.push(row);
      expect(db.prepare(text).all([])).toHaveLength(3);
    }
    expect(seen).toHaveLength(3);
  });

  it("stays bounded however many distinct texts it sees", () => {
    sqlite = new SQLite(":memory:");
    const db = cachingStatements(sqlite);
    const first = db.prepare("select 0");
    for (let i = 1; i <= 600; i++) db.prepare(`select ${i}`);
    expect(db.prepare("select 0")).not.toBe(first);
    expect(db.prepare("select 0").all([])).toEqual([{ 0: 0 }]);
  });
});
