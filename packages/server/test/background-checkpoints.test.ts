import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../src/storage/dialects/sqlite.js";
import type { StorageHandle } from "../src/storage/storage-handle.js";

// SQLite-only by nature: PostgreSQL checkpoints in its own server processes.
describe("background WAL checkpoints (SQLite file database)", () => {
  let dir: string;
  let handle: StorageHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies committed pages into the database file without the writer checkpointing", async () => {
    dir = mkdtempSync(join(tmpdir(), "nudge-ckpt-"));
    const filename = join(dir, "nudge.db");
    handle = openSqlite({ filename, synchronous: "full" });
    const { db } = handle;
    expect(
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0],
    ).toEqual({ wal_autocheckpoint: 0 });
    await sql`create table blobs (b blob)`.execute(db);
    const before = statSync(filename).size;
    for (let i = 0; i < 64; i++) {
      await sql`insert into blobs values (randomblob(32768))`.execute(db);
    }
    // The writer never checkpoints, so only the worker can grow the main file past 2 MB.
    const deadline = Date.now() + 10_000;
    while (statSync(filename).size < before + 2_000_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(statSync(filename).size).toBeGreaterThan(before + 2_000_000);
  });

  it("keeps the process alive while close() waits for the worker, so the code after it runs", () => {
    // The worker is unref'd so it never holds a finished process open; awaiting its exit with
    // nothing else pending used to end the process there, exit code 13, mid-script (bench/).
    dir = mkdtempSync(join(tmpdir(), "nudge-ckpt-"));
    const script = join(dir, "close-then-continue.mts");
    const sqliteModule = new URL("../src/storage/dialects/sqlite.ts", import.meta.url).href;
    writeFileSync(
      script,
      [
        `import { openSqlite } from ${JSON.stringify(sqliteModule)};`,
        `const handle = openSqlite({ filename: ${JSON.stringify(join(dir, "nudge.db"))}, synchronous: "full" });`,
        "await handle.close();",
        'console.log("after close");',
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect({ status: run.status, stdout: run.stdout.trim() }, run.stderr).toEqual({
      status: 0,
      stdout: "after close",
    });
  });

  it("leaves a complete database behind on close", async () => {
    dir = mkdtempSync(join(tmpdir(), "nudge-ckpt-"));
    const filename = join(dir, "nudge.db");
    const first = openSqlite({ filename, synchronous: "full" });
    await sql`create table t (n integer)`.execute(first.db);
    await sql`insert into t values (1), (2), (3)`.execute(first.db);
    await first.close();
    const check = new SQLite(filename, { readonly: true });
    expect(check.prepare("select count(*) as n from t").get()).toEqual({ n: 3 });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  });
});
