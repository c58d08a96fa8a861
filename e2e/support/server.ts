import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupTenant, startNudge } from "../../scripts/support/nudge-server.js";

export { setupTenant };

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real Nudge server (SQLite in a fresh temp dir) as a child process from its sources
 * and waits for /healthz. Browser tests run against it, never a mock.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "nudge-e2e-"));
  const server = await startNudge(
    "tsx",
    {
      NUDGE_DATA_DIR: dataDir,
      // Every spec logs in from 127.0.0.1 as the same few accounts: the brute-force limits
      // (proven by rate-limit-api.test.ts) stay on, but roomy enough for a suite's logins.
      NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: "200/15m",
      NUDGE_RATE_LIMIT_LOGIN_PER_IP: "1000/15m",
      ...env,
    },
    { limits: "defaults", echo: "all" },
  );
  return {
    url: server.url,
    port: server.port,
    dataDir,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
