import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import {
  dropPostgresSchema,
  openPostgres,
  readPostgresDurability,
} from "../src/storage/dialects/postgres.js";
import { openSqlite, readSqliteDurability } from "../src/storage/dialects/sqlite.js";
import {
  assertDurable,
  checkDurability,
  describeSettings,
  durabilityFindings,
} from "../src/storage/durability-check.js";
import { dialects, postgresUrl } from "./support/dialects.js";
import { startTestApp } from "./support/test-app.js";

const levels = (settings: Record<string, string>, intent = {}) =>
  durabilityFindings(settings, intent).map((f) => `${f.setting}:${f.level}`);

describe("durability findings (pure)", () => {
  it("accepts SQLite in WAL with synchronous FULL or EXTRA", () => {
    expect(levels({ journal_mode: "wal", synchronous: "full" })).toEqual([]);
    expect(levels({ journal_mode: "wal", synchronous: "extra" })).toEqual([]);
  });

  it("refuses SQLite without WAL (a filesystem that refused it)", () => {
    const findings = durabilityFindings({ journal_mode: "delete", synchronous: "full" });
    expect(findings).toMatchObject([{ setting: "journal_mode", value: "delete", level: "fatal" }]);
    expect(findings[0]!.message).toContain("NUDGE_DATA_DIR on a local disk");
    expect(() => assertDurable({ settings: {}, findings }, "/data/nudge.db")).toThrow(
      /^refusing to start on \/data\/nudge\.db: SQLite refused WAL journal mode/,
    );
  });

  it("notes synchronous NORMAL when opted in, warns when not", () => {
    const normal = { journal_mode: "wal", synchronous: "normal" };
    expect(levels(normal, { sqliteSynchronous: "normal" })).toEqual(["synchronous:note"]);
    expect(levels(normal, { sqliteSynchronous: "full" })).toEqual(["synchronous:warn"]);
    expect(levels({ journal_mode: "wal", synchronous: "off" })).toEqual(["synchronous:warn"]);
  });

  it("notes an in-memory database instead of refusing it (tests)", () => {
    expect(levels({ journal_mode: "memory", synchronous: "full" })).toEqual(["journal_mode:note"]);
  });

  it("warns, without refusing, for each PostgreSQL setting that is off", () => {
    const safe = { fsync: "on", synchronous_commit: "on", full_page_writes: "on" };
    expect(levels(safe)).toEqual([]);
    for (const ok of ["local", "remote_write", "remote_apply"]) {
      expect(levels({ ...safe, synchronous_commit: ok })).toEqual([]);
    }
    const unsafe = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
    expect(levels(unsafe)).toEqual([
      "fsync:warn",
      "synchronous_commit:warn",
      "full_page_writes:warn",
    ]);
    const findings = durabilityFindings(unsafe);
    expect(findings.map((f) => f.message).join(" ")).toMatch(/acknowledged/);
    expect(() => assertDurable({ settings: unsafe, findings }, "PostgreSQL")).not.toThrow();
  });

  it("formats the settings as one log line", () => {
    expect(describeSettings({ journal_mode: "wal", synchronous: "full" })).toBe(
      "journal_mode=wal synchronous=full",
    );
  });
});

describe("durability settings read back from SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "nudge-durable-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads WAL and the synchronous level the file database runs with", async () => {
    for (const synchronous of ["full", "normal"] as const) {
      const handle = openSqlite({ filename: join(dir, `${synchronous}.db`), synchronous });
      try {
        const report = await checkDurability(handle, { sqliteSynchronous: synchronous });
        expect(report.settings).toEqual({ journal_mode: "wal", synchronous });
        expect(report.findings.map((f) => f.level)).toEqual(synchronous === "full" ? [] : ["note"]);
      } finally {
        await handle.close();
      }
    }
  });

  it("reads back the mode SQLite kept when it did not switch to WAL", () => {
    const filename = join(dir, "rollback.db");
    new SQLite(filename).exec("create table t (x)").close();
    // A read-only connection cannot change the journal mode, as a filesystem without shared
    // memory cannot: the database stays in its rollback-journal mode.
    const readonly = new SQLite(filename, { readonly: true });
    try {
      expect(() => readonly.pragma("journal_mode = WAL")).toThrow();
      const settings = readSqliteDurability(readonly);
      expect(settings.journal_mode).toBe("delete");
      expect(levels(settings)).toEqual(["journal_mode:fatal"]);
    } finally {
      readonly.close();
    }
  });
});

describe.skipIf(!postgresUrl())("durability settings read back from PostgreSQL", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  afterAll(() => dropPostgresSchema(postgresUrl(), schema));

  it("reads fsync, synchronous_commit and full_page_writes as this session sees them", async () => {
    const handle = await openPostgres({ connectionString: postgresUrl(), poolSize: 1, schema });
    try {
      const settings = await handle.readDurability();
      expect(Object.keys(settings)).toEqual(["fsync", "synchronous_commit", "full_page_writes"]);
      for (const value of Object.values(settings)) expect(value).toMatch(/^[a-z_]+$/);
      // One connection, so the session setting below is the one the reader sees.
      await handle.db.connection().execute(async (session) => {
        await sql`set synchronous_commit = off`.execute(session);
        const off = await readPostgresDurability(session);
        expect(off.synchronous_commit).toBe("off");
        const warning = durabilityFindings(off).find((f) => f.setting === "synchronous_commit");
        expect(warning).toMatchObject({ level: "warn", value: "off" });
        await sql`reset synchronous_commit`.execute(session);
      });
    } finally {
      await handle.close();
    }
  });
});

describe.each(dialects)("durability at start on %s", (dialect) => {
  it("is read back by compose and kept on the services for the start-up log", async () => {
    const t = await startTestApp(dialect);
    try {
      const { settings, findings } = t.services.durability;
      const expected =
        dialect === "sqlite"
          ? ["journal_mode", "synchronous"]
          : ["fsync", "synchronous_commit", "full_page_writes"];
      expect(Object.keys(settings)).toEqual(expected);
      expect(findings).toEqual(durabilityFindings(settings, { sqliteSynchronous: "full" }));
      expect(findings.some((f) => f.level === "fatal")).toBe(false);
    } finally {
      await t.close();
    }
  });
});
