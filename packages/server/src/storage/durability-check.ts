import type { StorageHandle } from "./storage-handle.js";

/** Effective settings as the database reports them, e.g. `{journal_mode: "wal", synchronous: "full"}`. */
export type DurabilitySettings = Record<string, string>;

/**
 * - `fatal`: start is refused; acknowledged writes would not survive a crash as promised.
 * - `warn`: the database runs, but a power failure may lose acknowledged events (or worse).
 * - `note`: a trade-off the operator chose explicitly, or a test database.
 */
export interface DurabilityFinding {
  setting: string;
  value: string;
  level: "fatal" | "warn" | "note";
  message: string;
}

export interface DurabilityReport {
  settings: DurabilitySettings;
  findings: DurabilityFinding[];
}

/** What the operator asked for, so that a documented opt-in is a note rather than a warning. */
export interface DurabilityIntent {
  sqliteSynchronous?: "full" | "normal";
}

type Rule = (
  value: string,
  intent: DurabilityIntent,
) => Omit<DurabilityFinding, "setting" | "value"> | null;

const lossOnPowerFailure =
  "a power failure or OS crash can lose events already acknowledged with 2xx";

/** One small function per setting; a setting the engine does not report is simply not judged. */
const rules: Record<string, Rule> = {
  // SQLite
  journal_mode: (value) => {
    if (value === "wal") return null;
    if (value === "memory") {
      return { level: "note", message: "in-memory database: nothing is kept (tests only)" };
    }
    return {
      level: "fatal",
      message:
        `SQLite refused WAL journal mode (journal_mode is "${value}"). The filesystem holding ` +
        "the database probably lacks the shared-memory locking WAL needs (network filesystems " +
        "often do); put NUDGE_DATA_DIR on a local disk",
    };
  },
  synchronous: (value, intent) => {
    if (value === "full" || value === "extra") return null;
    if (value === "normal" && intent.sqliteSynchronous === "normal") {
      return {
        level: "note",
        message:
          "synchronous=NORMAL by NUDGE_SQLITE_SYNCHRONOUS=normal: a power failure may lose the " +
          "last transactions (a process crash never does)",
      };
    }
    return { level: "warn", message: `synchronous=${value.toUpperCase()}: ${lossOnPowerFailure}` };
  },
  // PostgreSQL: server settings we cannot change, so we say what they cost and carry on.
  fsync: (value) =>
    value === "on"
      ? null
      : {
          level: "warn",
          message: `fsync is off: ${lossOnPowerFailure}, and can corrupt the database`,
        },
  synchronous_commit: (value) =>
    value === "off"
      ? {
          level: "warn",
          message:
            "synchronous_commit is off: a crash of the PostgreSQL server can lose the last " +
            "transactions, i.e. events already acknowledged with 2xx",
        }
      : null,
  full_page_writes: (value) =>
    value === "on"
      ? null
      : {
          level: "warn",
          message:
            "full_page_writes is off: a power failure can leave torn pages and corrupt the " +
            "database (safe only on filesystems that write pages atomically, such as ZFS)",
        },
};

/** Judges settings read from a database: `durabilityFindings({fsync: "off"})` → one warning. */
export function durabilityFindings(
  settings: DurabilitySettings,
  intent: DurabilityIntent = {},
): DurabilityFinding[] {
  const findings: DurabilityFinding[] = [];
  for (const [setting, value] of Object.entries(settings)) {
    const found = rules[setting]?.(value, intent);
    if (found) findings.push({ setting, value, ...found });
  }
  return findings;
}

/** Reads the effective settings back (not what we asked for: what the database applied). */
export async function checkDurability(
  storage: StorageHandle,
  intent: DurabilityIntent = {},
): Promise<DurabilityReport> {
  const settings = await storage.readDurability();
  return { settings, findings: durabilityFindings(settings, intent) };
}

/** Throws the start-refusing message when any finding is fatal; `where` names the database. */
export function assertDurable(report: DurabilityReport, where: string): void {
  const fatal = report.findings.filter((f) => f.level === "fatal");
  if (fatal.length === 0) return;
  throw new Error(`refusing to start on ${where}: ${fatal.map((f) => f.message).join("; ")}`);
}

/** `journal_mode=wal synchronous=full`: the settings as one log line. */
export function describeSettings(settings: DurabilitySettings): string {
  return Object.entries(settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}
