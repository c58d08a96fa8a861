import { resolve } from "node:path";
import { type Config, invocationDir, loadConfig } from "../config.js";
import { migrationProvider } from "../storage/migrations/index.js";
import { backupSqlite } from "../storage/sqlite-backup.js";
import { DatabaseInUseError, restoreSqlite } from "../storage/sqlite-restore.js";
import { type CliIo, describeFile } from "./output.js";

const usage = [
  "usage: nudge <command>",
  "",
  "  backup <file>    copy the SQLite database to <file> while the server runs, and check the copy",
  "  restore <file>   replace the SQLite database with the backup <file> (stop the server first)",
  "",
  "The database is the one the server would use: NUDGE_DATA_DIR, or DATABASE_URL for PostgreSQL",
  "(which these commands leave to pg_dump and pg_restore).",
];

/** Exit codes: 0 done, 1 failed (nothing changed), 2 usage error or not applicable. */
export async function runCli(argv: string[], io: CliIo, env?: NodeJS.ProcessEnv): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help") {
    for (const line of usage) io.out(line);
    return command === undefined ? 2 : 0;
  }
  if ((command !== "backup" && command !== "restore") || !file || rest.length > 0) {
    for (const line of usage) io.err(line);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const path = resolve(invocationDir(env), file);
  if (config.storage.kind === "postgres") return postgresAdvice(command, path, io);
  const database = config.storage.filename;
  try {
    return command === "backup"
      ? await backup(database, path, io)
      : await restore(path, database, io);
  } catch (error) {
    io.err(`${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function backup(database: string, dest: string, io: CliIo): Promise<number> {
  if (resolve(dest) === resolve(database)) {
    io.err("backup failed: the backup file cannot be the database itself");
    return 2;
  }
  const report = await backupSqlite(database, dest);
  io.out(`Backed up ${database} to ${dest} in ${report.ms} ms`);
  for (const line of describeFile(report)) io.out(line);
  return 0;
}

async function restore(backupFile: string, database: string, io: CliIo): Promise<number> {
  const known = Object.keys(await migrationProvider.getMigrations());
  try {
    const report = await restoreSqlite(backupFile, database, known);
    io.out(`Restored ${backupFile} to ${database} in ${report.ms} ms`);
    for (const line of describeFile(report)) io.out(line);
    if (report.previous) io.out(`  the database it replaced was kept as ${report.previous}`);
    return 0;
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    io.err(`restore refused: ${error.message}`);
    return 1;
  }
}

/** We do not reimplement pg_dump: its snapshot is consistent while the server runs. */
function postgresAdvice(command: "backup" | "restore", file: string, io: CliIo): number {
  io.err(`nudge ${command}: DATABASE_URL is set, so the database is PostgreSQL; nothing was done.`);
  if (command === "backup") {
    io.err("Back it up with pg_dump (consistent while Nudge runs):");
    io.err(`  pg_dump --format=custom --file=${file} "$DATABASE_URL"`);
  } else {
    io.err("Restore it with pg_restore into an empty database, Nudge stopped:");
    io.err(`  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" ${file}`);
  }
  return 2;
}
