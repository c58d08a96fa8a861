import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPostgresSchema, openPostgres } from "../src/storage/dialects/postgres.js";
import { openSqlite } from "../src/storage/dialects/sqlite.js";
import { walSyncedGroups } from "../src/storage/dialects/wal-sync.js";
import { durableCommit, GroupCommit, type GroupDurability } from "../src/storage/group-commit.js";
import type { StorageHandle } from "../src/storage/storage-handle.js";
import type { Database } from "../src/storage/tables.js";
import { dialects, postgresUrl } from "./support/dialects.js";
import { promiseState } from "./support/promise-state.js";

interface Db {
  notes: { id: string };
}
const asDatabase = (db: Kysely<Db>) => db as unknown as Kysely<Database>;
const insert = (id: string) => (trx: Kysely<Database>) =>
  (trx as unknown as Kysely<Db>).insertInto("notes").values({ id }).execute();

/** The handle's own durability, with each sync held until the test releases it. */
function heldSyncs(inner: GroupDurability = durableCommit) {
  const pending: { release: () => void; fail: (e: Error) => void }[] = [];
  const durability: GroupDurability = {
    transact: (db, work) => inner.transact(db, work),
    committed: () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ release: () => void inner.committed().then(resolve, reject), fail: reject });
      }),
  };
  return { durability, pending };
}

/** How `p` stands once the event loop has turned a few times. */
const settled = async <T>(p: Promise<T>) => {
  const state = promiseState(p);
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return state();
};

describe.each(dialects)("group commit on %s", (dialect) => {
  let handle: StorageHandle;
  let db: Kysely<Db>;
  let dir: string;
  const schema = `t_${randomBytes(6).toString("hex")}`;
  // What the in-process group commit uses on each engine: an after-commit WAL sync on a SQLite
  // file (the writer thread's fallback), the COMMIT itself on PostgreSQL.
  const durability = () =>
    dialect === "sqlite" ? walSyncedGroups(join(dir, "nudge.db")) : durableCommit;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nudge-group-"));
    handle =
      dialect === "sqlite"
        ? openSqlite({ filename: join(dir, "nudge.db"), synchronous: "full" })
        : await openPostgres({ connectionString: postgresUrl(), poolSize: 2, schema });
    db = handle.db as unknown as Kysely<Db>;
    await db.schema
      .createTable("notes")
      .addColumn("id", "varchar(40)", (c) => c.primaryKey())
      .execute();
  });
  afterAll(async () => {
    await handle.close();
    if (dialect === "postgres") await dropPostgresSchema(postgresUrl(), schema);
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (prefix: string) =>
    Number(
      (
        await db
          .selectFrom("notes")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("id", "like", `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("answers no caller before its group's commit is durable, and runs the next group meanwhile", async () => {
    const { durability: held, pending } = heldSyncs(durability());
    const writer = new GroupCommit(asDatabase(db), held);
    // "a" starts a group at once; "b" and "c" arrive while it runs and share the next one.
    const first = writer.submit(insert("held-a"));
    const second = [writer.submit(insert("held-b")), writer.submit(insert("held-c"))];
    // Both groups committed (visible to readers) though the first one's sync has not finished.
    await expect.poll(() => pending.length).toBe(2);
    expect(await count("held-")).toBe(3);
    expect(await settled(first)).toBe("pending");
    expect(await settled(Promise.all(second))).toBe("pending");
    pending[1]!.release();
    await Promise.all(second);
    expect(await settled(first)).toBe("pending");
    pending[0]!.release();
    await first;
  });

  it("rejects the callers of a group whose sync fails", async () => {
    const { durability: held, pending } = heldSyncs(durability());
    const writer = new GroupCommit(asDatabase(db), held);
    const job = writer.submit(insert("failed-sync"));
    await expect.poll(() => pending.length).toBe(1);
    pending[0]!.fail(new Error("EIO: fsync failed"));
    await expect(job).rejects.toThrow("EIO");
  });

  it("keeps a bad job from failing its neighbours, and leaves the connection at its own level", async () => {
    const writer = new GroupCommit(asDatabase(db), durability());
    const jobs = Array.from({ length: 40 }, (_, i) =>
      writer.submit(insert(i === 17 ? "dup" : `many-${i}`)),
    );
    jobs.push(writer.submit(insert("dup")));
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await count("many-")).toBe(39);
    expect(await count("dup")).toBe(1);
    if (dialect === "sqlite") {
      // Lowered only around the group's own transaction: every other write still commits at FULL.
      const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(level.rows[0]?.synchronous).toBe(2);
    }
  });
});

// SQLite-only by nature: PostgreSQL syncs its WAL in its own server processes.
describe("WAL sync after group commit (SQLite file database)", () => {
  it("runs one sync at a time; groups committed before it starts share it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nudge-walsync-"));
    const filename = join(dir, "nudge.db");
    const handle = openSqlite({ filename, synchronous: "full" });
    try {
      await sql`create table t (x integer)`.execute(handle.db);
      const durability = walSyncedGroups(filename);
      const first = durability.committed();
      expect(durability.committed()).toBe(first);
      // By the next turn of the event loop the first sync has started (or finished): a group
      // committing now needs a sync of its own, shared with the groups committing beside it.
      await new Promise((r) => setImmediate(r));
      const later = durability.committed();
      expect(later).not.toBe(first);
      expect(durability.committed()).toBe(later);
      await Promise.all([first, later]);
      const after = durability.committed();
      expect(after).not.toBe(later);
      await after;
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
