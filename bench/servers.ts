import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

const repoRoot = new URL("..", import.meta.url).pathname;

export interface Child {
  url: string;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/** Echoes a child's first log lines (truncated) and counts the rest: errors under load flood. */
function quietLog(name: string) {
  let lines = 0;
  const shown = 5;
  return {
    write: (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim() === "") continue;
        if (lines++ < shown) console.log(`  [${name}] ${line.slice(0, 400)}`);
      }
    },
    summary: () => {
      if (lines > shown) console.log(`  [${name}] … ${lines - shown} more log lines`);
    },
  };
}

/** Spawns `node <args>` from the repo root and waits until `healthPath` answers 200. */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  options: { healthPath?: string } = {},
): Promise<Child> {
  const script = args.at(-1)!;
  const port = await freePort();
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // autocannon is one IP sending a whole fleet's traffic: limits stay on (their cost is part
      // of what we measure) but far above what the bench sends.
      NUDGE_RATE_LIMIT_CLIENT_PER_IP: "1000000000/1m",
      NUDGE_RATE_LIMIT_CLIENT_PER_KEY: "1000000000/1m",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = quietLog(script);
  child.stdout?.on("data", log.write);
  child.stderr?.on("data", log.write);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}${options.healthPath ?? "/healthz"}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${script} did not become healthy within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    spawnedAt,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      log.summary();
    },
  };
}

export const startBare = () => spawnServer(["--import", "tsx", "bench/bare-server.ts"], {});

/**
 * How the real server runs: "bundle" is what `npm start` runs (the esbuild bundle, built first
 * with packages/server/build.mjs); "tsx" runs the TypeScript sources as e2e/support/server.ts does.
 */
export type ServerMode = "bundle" | "tsx";
export const bundlePath = "packages/server/dist/main.js";

export function buildBundle(): void {
  execFileSync(process.execPath, ["packages/server/build.mjs"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}

export const startNudge = (
  mode: ServerMode,
  env: Record<string, string>,
  nodeArgs: string[] = [],
) =>
  spawnServer(
    mode === "tsx"
      ? [...nodeArgs, "--import", "tsx", "packages/server/src/main.ts"]
      : [...nodeArgs, "--enable-source-maps", bundlePath],
    env,
  );
