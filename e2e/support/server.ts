import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

/**
 * Starts the real Nudge server (SQLite in a fresh temp dir) as a child process, exactly as
 * `npm start` would, and waits for /healthz. Browser tests run against it, never a mock.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "nudge-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "packages/server/src/main.ts"],
    {
      cwd: new URL("../..", import.meta.url).pathname,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        NUDGE_DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        // Every spec logs in from 127.0.0.1 as the same few accounts: the brute-force limits
        // (proven by rate-limit-api.test.ts) stay on, but roomy enough for a suite's logins.
        NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: "200/15m",
        NUDGE_RATE_LIMIT_LOGIN_PER_IP: "1000/15m",
        ...env,
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("server did not become healthy within 30 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** First run through the public API: returns the ids and keys a site owner would get. */
export async function setupTenant(url: string) {
  const res = await fetch(`${url}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "owner@example.com",
      password: "correct horse battery",
      organizationName: "Acme",
      productName: "Web app",
    }),
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    organizationId: string;
    productId: string;
    publishableKey: string;
    secretKey: string;
  };
}
