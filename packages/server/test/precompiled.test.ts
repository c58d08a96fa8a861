import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPostgresSchema, openPostgres } from "../src/storage/dialects/postgres.js";
import { openSqlite } from "../src/storage/dialects/sqlite.js";
import { precompile, precompileRows } from "../src/storage/precompiled.js";
import type { StorageHandle } from "../src/storage/storage-handle.js";
import { dialects, postgresUrl } from "./support/dialects.js";

interface Db {
  things: { owner: string; name: string; size: number };
}

describe.each(dialects)("precompiled queries on %s", (dialect) => {
  let handle: StorageHandle;
  let db: Kysely<Db>;
  const schema = `t_${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    handle =
      dialect === "sqlite"
        ? openSqlite({ filename: ":memory:", synchronous: "full" })
        : await openPostgres({ connectionString: postgresUrl(), poolSize: 1, schema });
    db = handle.db as unknown as Kysely<Db>;
    await db.schema
      .createTable("things")
      .addColumn("owner", "varchar(20)", (c) => c.notNull())
      .addColumn("name", "varchar(20)", (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .execute();
    await db
      .insertInto("things")
      .values([
        { owner: "a", name: "small", size: 1 },
        { owner: "a", name: "big", size: 10 },
        { owner: "b", name: "big", size: 20 },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle.close();
    if (dialect === "postgres") await dropPostgresSchema(postgresUrl(), schema);
  });

  it("runs with each call's values, keeps fixed values, and never leaks one call's values", async () => {
    const bigOf = precompile<Db, { owner: string; min: number }, { name: string; n: number }>(
      "test_big",
      db,
      (p) =>
        db
          .selectFrom("things")
          .select([
            "name",
            sql<number>`sum(case when size >= ${p("min")} then 1 else 0 end)`.as("n"),
          ])
          .where("owner", "=", p("owner"))
          .where("name", "!=", "nothing") // a fixed value between the slots
          .groupBy("name")
          .orderBy("name"),
    );
    const count = (rows: { name: string; n: number }[]) => rows.map((r) => [r.name, Number(r.n)]);
    expect(count(await bigOf({ owner: "a", min: 5 }))).toEqual([
      ["big", 1],
      ["small", 0],
    ]);
    expect(count(await bigOf({ owner: "b", min: 25 }))).toEqual([["big", 0]]);
    expect(count(await bigOf({ owner: "a", min: 0 }))).toEqual([
      ["big", 1],
      ["small", 1],
    ]);
    expect(await bigOf({ owner: "nobody", min: 0 })).toEqual([]);
    if (dialect === "postgres") {
      // One pooled connection: it prepared the statement once, under its registered name.
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
        db,
      );
      expect(prepared.rows.map((r) => r.name)).toEqual([expect.stringMatching(/^nudge_test_big_/)]);
    }
  });
  it("fills a multi-row insert per row count with each call's rows, keeping the builder's own values", async () => {
    const insert = precompileRows<Db["things"]>(["owner", "name", "size"], (rows) =>
      db
        .insertInto("things")
        .values(rows)
        // A value the builder adds itself stays as compiled.
        .returning(sql<string>`${"fixed"}`.as("tag")),
    );
    const one = insert([{ owner: "c", name: "one", size: 1 }]);
    const three = insert([
      { owner: "c", name: "two", size: 2 },
      { owner: "c", name: "three", size: 3 },
      { owner: "c", name: "four", size: 4 },
    ]);
    const again = insert([{ owner: "c", name: "five", size: 5 }]);
    expect(again.sql).toBe(one.sql);
    expect(three.sql).not.toBe(one.sql);
    for (const statement of [one, three, again]) {
      const { rows } = await db.executeQuery<{ tag: string }>(statement);
      expect(rows.every((r) => r.tag === "fixed")).toBe(true);
    }
    const stored = await db
      .selectFrom("things")
      .select(["name", "size"])
      .where("owner", "=", "c")
      .orderBy("size")
      .execute();
    expect(stored).toEqual([
      { name: "one", size: 1 },
      { name: "two", size: 2 },
      { name: "three", size: 3 },
      { name: "four", size: 4 },
      { name: "five", size: 5 },
    ]);
  });

  it("refuses a builder that drops a column, rather than writing rows short of a value", () => {
    const insert = precompileRows<Db["things"]>(["owner", "name", "size"], (rows) =>
      db.insertInto("things").values(rows.map(({ owner, name }) => ({ owner, name, size: 0 }))),
    );
    expect(() => insert([{ owner: "d", name: "x", size: 9 }])).toThrow(/2 of 3 values/);
  });
});
