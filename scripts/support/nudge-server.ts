import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * Spawning the real server (or any node script) as a child process and waiting for its health
 * route: the one implementation behind the browser tests (e2e/support/server.ts), the benchmarks
 * (bench/servers.ts) and the reliability scripts (scripts/reliability/).
 */

export const repoRoot = new URL("../..", import.meta.url).pathname;

/**
 * How the real server runs: "bundle" is what `npm start` runs (the esbuild bundle, built first
 * with packages/server/build.mjs); "tsx" runs the TypeScript sources, as the browser tests do.
 */
export type ServerMode = "bundle" | "tsx";
export const bundlePath = "packages/server/dist/main.js";

export function buildBundle(): void {
  execFileSync(process.execPath, ["packages/server/build.mjs"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}

/** The node arguments that start the server in `mode`, after `nodeArgs` (profilers, GC traces). */
export function nudgeArgs(mode: ServerMode, nodeArgs: string[] = []): string[] {
  return mode === "tsx"
    ? [...nodeArgs, "--import", "tsx", "packages/server/src/main.ts"]
    : [...nodeArgs, "--enable-source-maps", bundlePath];
}

/** A port nothing listens on now (the crash script keeps it across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface NodeProcess {
  url: string;
  port: number;
  pid: number;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<string>;
  /** The first 2,000 lines of the child's output, for failure reports. */
  log: string[];
  /** The V8 heap after each full (mark-compact) collection, in MB; filled under --trace-gc. */
  heapAfterGc: { at: number; mb: number }[];
  /** The kernel's SIGKILL: no drain, no close, no flush. */
  kill(): Promise<void>;
  /** SIGTERM (graceful drain), SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** Resident set size of the process in bytes, from /proc/<pid>/status. */
  rss(): number;
}

export interface SpawnOptions {
  port?: number;
  healthPath?: string;
  /**
   * What of the child's output reaches our console: `all` (a browser test's server), `head`
   * (its first 5 lines, then a count: errors under load flood) or `none` (kept in `log` only).
   */
  echo?: "all" | "head" | "none";
  /** Variables of our own environment whose names start so are not passed on. */
  dropInherited?: string;
}

/** Spawns `node <args>` from the repo root on `env` and waits until `healthPath` answers 200. */
export async function spawnNode(
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<NodeProcess> {
  const name = args.at(-1)!;
  const port = options.port ?? (await freePort());
  const drop = options.dropInherited;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => drop === undefined || !k.startsWith(drop)),
  );
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...inherited, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const heapAfterGc: { at: number; mb: number }[] = [];
  const echo = options.echo ?? "none";
  let lines = 0;
  const keep = (chunk: Buffer) => {
    if (echo === "all") process.stdout.write(chunk);
    for (const line of chunk.toString().split("\n")) {
      // --trace-gc: "Mark-Compact 80.3 (95.6) -> 60.2 (96.1) MB, …"; scavenges are dropped.
      const gc = /(Mark-Compact|Scavenge|Mark-sweep)[^>]*-> ([\d.]+) \(/.exec(line);
      if (gc) {
        if (gc[1] !== "Scavenge") heapAfterGc.push({ at: Date.now(), mb: Number(gc[2]) });
        continue;
      }
      if (line.trim() === "") continue;
      if (echo === "head" && lines < 5) console.log(`  [${name}] ${line.slice(0, 400)}`);
      lines++;
      if (log.length < 2000) log.push(line.slice(0, 500));
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit").then(([code, signal]) => String(signal ?? code));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone()) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${log.join("\n")}`);
    }
    try {
      const res = await fetch(`${url}${options.healthPath ?? "/healthz"}`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not become healthy within 60 s:\n${log.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const summary = () => {
    if (echo === "head" && lines > 5) console.log(`  [${name}] … ${lines - 5} more log lines`);
  };
  return {
    url,
    port,
    pid: child.pid!,
    spawnedAt,
    exited,
    log,
    heapAfterGc,
    async kill() {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      summary();
    },
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : Number.NaN;
    },
  };
}

/**
 * One client address sends a whole fleet's traffic in the benchmarks and load scripts: rate
 * limits stay on (their cost is part of what is measured) but far above the load.
 */
const roomyLimits = {
  NUDGE_RATE_LIMIT_CLIENT_PER_IP: "1000000000/1m",
  NUDGE_RATE_LIMIT_CLIENT_PER_KEY: "1000000000/1m",
  NUDGE_RATE_LIMIT_ADMIN_PER_IP: "1000000000/1m",
  NUDGE_RATE_LIMIT_ADMIN_PER_CREDENTIAL: "1000000000/1m",
};

export interface NudgeOptions extends Omit<SpawnOptions, "healthPath" | "dropInherited"> {
  /** Before `--import tsx` or the bundle: profilers, `--trace-gc`. */
  nodeArgs?: string[];
  /**
   * `roomy`: every limit far above the load; `defaults`: the shipped limits (the abuse script).
   * Either way limits set in our own environment are dropped, so a run reproduces; `env` may
   * still set some (the browser tests' login limits).
   */
  limits?: "roomy" | "defaults";
}

/** The real Nudge server on `env` (its database settings), healthy. */
export function startNudge(
  mode: ServerMode,
  env: Record<string, string>,
  options: NudgeOptions = {},
): Promise<NodeProcess> {
  const { nodeArgs, limits = "roomy", ...spawnOptions } = options;
  return spawnNode(
    nudgeArgs(mode, nodeArgs),
    { ...(limits === "roomy" ? roomyLimits : {}), ...env },
    { ...spawnOptions, dropInherited: "NUDGE_RATE_LIMIT_" },
  );
}

export interface Tenant {
  organizationId: string;
  productId: string;
  publishableKey: string;
  secretKey: string;
}

/** First run through the public API, as a site owner's dashboard does it. */
export async function setupTenant(
  url: string,
  names: { organizationName: string; productName: string } = {
    organizationName: "Acme",
    productName: "Web app",
  },
): Promise<Tenant> {
  const res = await fetch(`${url}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "owner@example.com",
      password: "correct horse battery",
      ...names,
    }),
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tenant;
}
