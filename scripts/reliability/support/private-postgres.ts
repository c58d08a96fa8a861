import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL cluster of the script's own, in a temp dir on its own port: the outage test
 * stops it, and the machine's shared PostgreSQL (other people's tests) must never be touched.
 * initdb refuses to run as root, so as root every binary runs as the `postgres` user.
 */
export interface PrivatePostgres {
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: every backend killed at once, like a crash or a failover. */
  crash(): Promise<void>;
  /** Starts it again and resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the cluster (if running) and deletes its files. */
  destroy(): void;
}

function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  }
  throw new Error("no PostgreSQL binaries found (set PG_BIN to the directory holding initdb)");
}

export function startPrivatePostgres(port = 55432): PrivatePostgres {
  const bin = binDir();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "nudge-reliability-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const command = (tool: string, args: string[]): [string, string[]] => {
    const cmd = join(bin, tool);
    return asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  };
  const run = (tool: string, args: string[]) =>
    execFileSync(...command(tool, args), { stdio: ["ignore", "pipe", "pipe"] }).toString();
  // The outage is timed while requests are in flight: never block the event loop on pg_ctl.
  const runAsync = async (tool: string, args: string[]) => {
    await execFileAsync(...command(tool, args));
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    // Durable as production: an acknowledged commit must survive the crash we inflict.
    "-c fsync=on",
    "-c synchronous_commit=on",
    "-c max_connections=100",
  ].join(" ");
  let running = false;
  const startArgs = ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"];
  run("pg_ctl", startArgs);
  running = true;
  run("psql", [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "-c",
    "create database nudge",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/nudge`,
    port,
    async crash() {
      await runAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      running = false;
    },
    async start() {
      await runAsync("pg_ctl", startArgs);
      running = true;
    },
    destroy() {
      try {
        if (running) run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
