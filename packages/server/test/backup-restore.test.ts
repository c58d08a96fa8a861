import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { addTenant, bearer, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

const serverDir = new URL("..", import.meta.url).pathname;

/** Runs the CLI in this process; answers its exit code and what it printed. */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function uuidsIn(file: string): Set<string> {
  const db = new SQLite(file, { readonly: true });
  try {
    const rows = db.prepare("select uuid from events").all() as { uuid: string }[];
    return new Set(rows.map((r) => r.uuid));
  } finally {
    db.close();
  }
}

function integrityOf(file: string): string {
  const db = new SQLite(file, { readonly: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

// SQLite only by nature: on PostgreSQL the CLI hands over to pg_dump (tested at the end).
describe("nudge backup and restore (SQLite file database)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nudge-backup-"));
  const database = join(dir, "nudge.db");
  const backup = join(dir, "backups", "nudge-copy.db");
  const env = { NUDGE_DATA_DIR: dir, INIT_CWD: dir, LOG_LEVEL: "silent" };
  let t: TestApp | undefined;
  let tenant: Tenant;
  const acked: string[] = [];
  let ackedBeforeBackup: string[] = [];

  async function post(app: TestApp, uuids: string[]) {
    const res = await app.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: bearer(tenant.publishableKey),
      payload: { batch: uuids.map((uuid) => ({ uuid, event: "$pageview", distinctId: "u1" })) },
    });
    return res.statusCode === 202 ? (JSON.parse(res.body) as { accepted: number }) : undefined;
  }

  beforeAll(async () => {
    t = await startTestApp("sqlite", { sqliteFile: database });
    tenant = await addTenant(t.services, "backup");
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up while the app is writing: the copy is intact and holds every acknowledged event", async () => {
    const app = t!;
    let writing = true;
    const writer = async () => {
      while (writing) {
        const batch = Array.from({ length: 20 }, () => randomUUID());
        if (await post(app, batch)) acked.push(...batch);
      }
    };
    const writers = [writer(), writer(), writer()];
    while (acked.length < 2000) await new Promise((r) => setTimeout(r, 10));

    // The CLI in its own process, as an operator runs it, while this process keeps writing.
    ackedBeforeBackup = [...acked];
    mkdirSync(join(dir, "backups"));
    const run = promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "backup", backup],
      { cwd: serverDir, env: { ...process.env, ...env } },
    );
    const { stdout } = await run;
    const ackedAfterBackup = acked.length;
    writing = false;
    await Promise.all(writers);

    expect(stdout).toContain(`Backed up ${database} to ${backup}`);
    expect(stdout).toMatch(/integrity: ok/);
    expect(stdout).toMatch(/rows: .*events [\d,]+/);
    expect(ackedAfterBackup).toBeGreaterThan(ackedBeforeBackup.length); // writes went on
    expect(integrityOf(backup)).toBe("ok");
    const copied = uuidsIn(backup);
    expect(ackedBeforeBackup.filter((u) => !copied.has(u))).toEqual([]);
    expect(copied.size).toBeLessThanOrEqual(acked.length);
    // One self-contained file: no -wal beside it, no half-written file left over.
    expect(readdirSync(join(dir, "backups"))).toEqual(["nudge-copy.db"]);
  });

  it("refuses to restore while the server has the database open, and changes nothing", async () => {
    const res = await cli(["restore", backup], env);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/restore refused: .*nudge\.db is in use .*server still running/);
    // The running app is unaffected and still writes.
    const late = randomUUID();
    expect(await post(t!, [late])).toMatchObject({ accepted: 1 });
    acked.push(late);
    expect(readdirSync(dir).filter((f) => f.includes("before-restore"))).toEqual([]);
  });

  it("restores once the server is stopped; the old database is kept beside it", async () => {
    await t!.close();
    t = undefined;
    const res = await cli(["restore", "backups/nudge-copy.db"], env); // relative to INIT_CWD
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(`Restored ${backup} to ${database}`);
    expect(res.out).toMatch(/integrity: ok/);
    expect(existsSync(`${database}-wal`)).toBe(false);
    expect(integrityOf(database)).toBe("ok");

    const previous = readdirSync(dir).find((f) => f.startsWith("nudge.db.before-restore-"));
    expect(previous).toBeDefined();
    expect(res.out).toContain(`kept as ${join(dir, previous!)}`);
    expect(uuidsIn(join(dir, previous!)).size).toBe(new Set(acked).size);

    // A server on the restored file sees the backup's events, not the later ones.
    t = await startTestApp("sqlite", { sqliteFile: database });
    const restored = uuidsIn(backup);
    const later = acked.filter((u) => !restored.has(u));
    expect(later.length).toBeGreaterThan(0);
    expect(await post(t, [ackedBeforeBackup[0]!])).toMatchObject({ accepted: 0 });
    expect(await post(t, [later[0]!])).toMatchObject({ accepted: 1 });
  });

  it("checks the backup before touching the database", async () => {
    await t?.close();
    t = undefined;
    const before = uuidsIn(database);

    const garbage = join(dir, "garbage.db");
    writeFileSync(garbage, "this is not a database at all, just some bytes".repeat(200));
    const notDb = await cli(["restore", garbage], env);
    expect(notDb.code).toBe(1);
    expect(notDb.err).toMatch(/^restore failed: .*garbage.db cannot be read as a SQLite database/);

    const corrupt = join(dir, "corrupt.db");
    copyFileSync(backup, corrupt);
    corruptAnIndexPage(corrupt);
    const bad = await cli(["restore", corrupt], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/failed integrity_check|malformed/);

    const empty = join(dir, "empty.db");
    new SQLite(empty).exec("create table t (x)").close();
    expect((await cli(["restore", empty], env)).err).toMatch(/is not a Nudge database/);

    const newer = join(dir, "newer.db");
    copyFileSync(backup, newer);
    const db = new SQLite(newer);
    db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run(
      "999-from-the-future",
      new Date().toISOString(),
    );
    db.close();
    expect((await cli(["restore", newer], env)).err).toMatch(/newer Nudge.*999-from-the-future/);

    expect(uuidsIn(database)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes(".restoring"))).toEqual([]);
  });

  it("does not replay a crashed server's WAL into the restored database", async () => {
    // A crash image: the live file plus a -wal holding committed rows not yet checkpointed.
    const crashDir = mkdtempSync(join(tmpdir(), "nudge-crash-"));
    const crashed = join(crashDir, "nudge.db");
    copyFileSync(database, crashed);
    const writer = new SQLite(crashed);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer
      .prepare(
        "insert into events (product_id, uuid, event, distinct_id, properties, ts, received_at) values (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(tenant.productId, "only-in-the-wal", "$pageview", "u1", "{}", 1, 1);
    copyFileSync(`${crashed}-wal`, `${crashed}-wal.image`);
    writer.close(); // folds the WAL in; put the crash image's WAL back as if it never closed
    copyFileSync(database, crashed);
    copyFileSync(`${crashed}-wal.image`, `${crashed}-wal`);
    rmSync(`${crashed}-wal.image`);
    expect(uuidsIn(crashed).has("only-in-the-wal")).toBe(true);

    const res = await cli(["restore", backup], { ...env, NUDGE_DATA_DIR: crashDir });
    expect(res.code, res.err).toBe(0);
    expect(uuidsIn(crashed).has("only-in-the-wal")).toBe(false);
    expect(uuidsIn(crashed)).toEqual(uuidsIn(backup));
    const previous = readdirSync(crashDir).find((f) => f.includes("before-restore"))!;
    expect(uuidsIn(join(crashDir, previous)).has("only-in-the-wal")).toBe(true);
    rmSync(crashDir, { recursive: true, force: true });
  });

  it("answers usage errors, and refuses to back up onto the database itself", async () => {
    expect((await cli([], env)).code).toBe(2);
    expect(await cli(["help"], env)).toMatchObject({
      code: 0,
      out: expect.stringContaining("backup <file>"),
    });
    expect((await cli(["backup"], env)).code).toBe(2);
    expect((await cli(["vacuum", "x.db"], env)).code).toBe(2);
    expect(await cli(["backup", "nudge.db"], env)).toMatchObject({
      code: 2,
      err: expect.stringContaining("cannot be the database itself"),
    });
    expect(
      await cli(["backup", "x.db"], { ...env, NUDGE_DATA_DIR: join(dir, "nowhere") }),
    ).toMatchObject({
      code: 1,
      err: expect.stringContaining("there is no database at"),
    });
  });

  it("leaves PostgreSQL to pg_dump and pg_restore, without printing the password", async () => {
    const pg = { ...env, DATABASE_URL: "postgres://nudge:s3cret@db.internal:5432/nudge" };
    const backedUp = await cli(["backup", "nudge.dump"], pg);
    expect(backedUp.code).toBe(2);
    expect(backedUp.err).toContain(
      `pg_dump --format=custom --file=${join(dir, "nudge.dump")} "$DATABASE_URL"`,
    );
    const restored = await cli(["restore", "nudge.dump"], pg);
    expect(restored.code).toBe(2);
    expect(restored.err).toContain(
      'pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL"',
    );
    expect(backedUp.err + restored.err).not.toContain("s3cret");
  });
});

/** Overwrites one page in the middle of the file, where the events indexes live. */
function corruptAnIndexPage(file: string) {
  const db = new SQLite(file, { readonly: true });
  const pages = Number(db.pragma("page_count", { simple: true }));
  const { rootpage } = db
    .prepare("select rootpage from sqlite_master where name = 'events_name_time'")
    .get() as { rootpage: number };
  db.close();
  const fd = openSync(file, "r+");
  const page = Math.min(rootpage, pages);
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, (page - 1) * 4096 + 100);
  closeSync(fd);
}
