import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite } from "../src/storage/dialects/sqlite.js";
import { startSqliteWriterThread } from "../src/storage/dialects/sqlite-writer-thread.js";
import type { StatementWriter } from "../src/storage/statement-writer.js";
import type { StorageHandle } from "../src/storage/storage-handle.js";
import { promiseState } from "./support/promise-state.js";

// SQLite-only by nature: the writer thread exists because better-sqlite3 is synchronous.
interface Db {
  notes: { id: string; n: number };
}

describe("ingest writer thread (SQLite file database)", () => {
  let dir: string;
  let filename: string;
  let handle: StorageHandle;
  let db: Kysely<Db>;
  const insert = (id: string, n = 0) =>
    db
      .insertInto("notes")
      .values({ id, n })
      .onConflict((oc) => oc.doNothing())
      .compile();
  const count = () => {
    // A connection of its own: what is on the file, not what this process cached.
    const reader = new SQLite(filename, { readonly: true });
    try {
      return (reader.prepare("select count(*) as n from notes").get() as { n: number }).n;
    } finally {
      reader.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "nudge-writer-"));
    filename = join(dir, "nudge.db");
    handle = openSqlite({ filename, synchronous: "full" });
    db = handle.db as unknown as Kysely<Db>;
    await sql`create table notes (id text primary key, n integer not null)`.execute(db);
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers each job with its statements' counts, after the rows are on the file", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => handle.writer.write([insert(`a${i}`), insert("dup")])),
    );
    expect(answers[0]).toEqual([1, 1]);
    expect(answers.slice(1).every(([mine, dup]) => mine === 1 && dup === 0)).toBe(true);
    expect(count()).toBe(201);
  });

  it("rolls a failing job back alone: its neighbours in the group commit", async () => {
    const bad = db
      .insertInto("notes")
      .values({ id: "bad", n: null as unknown as number })
      .compile();
    const jobs = Array.from({ length: 30 }, (_, i) =>
      handle.writer.write(i === 11 ? [insert("half-written"), bad] : [insert(`ok${i}`)]),
    );
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(String((results[11] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    const ids = await db.selectFrom("notes").select("id").execute();
    expect(ids.map((r) => r.id)).not.toContain("half-written");
    expect(ids).toHaveLength(29);
  });

  it("lets main-thread transactions that read before they write run beside it", async () => {
    // Deferred transactions would fail with SQLITE_BUSY_SNAPSHOT whenever the thread commits
    // between their read and their write; begin immediate makes them wait instead.
    await db.insertInto("notes").values({ id: "counter", n: 0 }).execute();
    const writes = Array.from({ length: 300 }, (_, i) => handle.writer.write([insert(`w${i}`)]));
    for (let i = 0; i < 50; i++) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("notes")
          .select("n")
          .where("id", "=", "counter")
          .executeTakeFirstOrThrow();
        await new Promise((r) => setImmediate(r));
        await trx
          .updateTable("notes")
          .set({ n: row.n + 1 })
          .where("id", "=", "counter")
          .execute();
      });
    }
    await Promise.all(writes);
    const counter = await db
      .selectFrom("notes")
      .select("n")
      .where("id", "=", "counter")
      .executeTakeFirstOrThrow();
    expect(counter.n).toBe(50);
    expect(count()).toBe(301);
  });

  it("at FULL answers a group only after its WAL sync, and commits the next group meanwhile", async () => {
    const held: { release: () => void; fail: (e: Error) => void }[] = [];
    const writer = startSqliteWriterThread({
      filename,
      synchronous: "FULL",
      walSync: () => new Promise<void>((release, fail) => held.push({ release, fail })),
      fallback: () => handle.writer,
      onError: () => {},
    });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    const first = promiseState(writer.write([insert("s1")]));
    await until(() => held.length === 1);
    // Committed (another connection sees it), not yet synced: not answered.
    expect(count()).toBe(1);
    expect(first()).toBe("pending");
    // The thread is free: the next group commits while the first sync is held.
    const second = promiseState(writer.write([insert("s2")]));
    await until(() => count() === 2);
    expect(count()).toBe(2);
    expect([first(), second()]).toEqual(["pending", "pending"]);
    held[0]!.release();
    await until(() => first() === "resolved");
    expect([first(), second()]).toEqual(["resolved", "pending"]);
    // A failed sync rejects its group: the rows may be there, so the callers retry by uuid.
    await until(() => held.length === 2);
    held[1]!.fail(new Error("disk gone"));
    await until(() => second() === "rejected");
    expect(second()).toBe("rejected");
    await writer.close();
  });

  it("falls back to the main thread when the thread dies, and keeps writing", async () => {
    const warnings: string[] = [];
    const fallbackWrites: number[] = [];
    const writer = startSqliteWriterThread({
      filename,
      synchronous: "FULL",
      fallback: (): StatementWriter => ({
        write: async (statements) => {
          fallbackWrites.push(statements.length);
          return handle.writer.write(statements);
        },
        close: async () => {},
      }),
      onError: (m) => warnings.push(m),
    });
    expect(await writer.write([insert("before")])).toEqual([1]);
    await writer.thread.terminate();
    expect(await writer.write([insert("after")])).toEqual([1]);
    expect(fallbackWrites).toEqual([1]);
    expect(warnings.join()).toMatch(/writer thread stopped/);
    expect(count()).toBe(2);
    await writer.close();
  });

  it("finishes the writes already submitted before it closes, and refuses later ones", async () => {
    const writer = startSqliteWriterThread({
      filename,
      synchronous: "FULL",
      fallback: () => handle.writer,
      onError: () => {},
    });
    const pending = Array.from({ length: 100 }, (_, i) => writer.write([insert(`c${i}`)]));
    const closed = writer.close();
    await expect(writer.write([insert("late")])).rejects.toThrow("closing");
    await Promise.all(pending);
    await closed;
    expect(count()).toBe(100);
  });
});
