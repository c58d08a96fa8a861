import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { compose, type Services } from "../../src/compose.js";
import { type Config, loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/domain/clock.js";
import { createApp } from "../../src/http/app.js";
import { dropPostgresSchema } from "../../src/storage/dialects/postgres.js";
import { type DialectName, postgresUrl } from "./dialects.js";

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Config;
  close(): Promise<void>;
}

/** A clock tests can move: `clock.advance(ms)` instead of sleeping. */
export class TestClock implements Clock {
  constructor(private current = Date.parse("2026-06-01T12:00:00.000Z")) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(iso: string): void {
    this.current = Date.parse(iso);
  }
}

/**
 * Rate limits far above what any suite sends in a minute (suites make thousands of requests
 * from one address), so only rate-limit-api.test.ts, which sets its own, meets them. The
 * limiter stays on and counts every request of every suite.
 */
export const roomyRateLimits: Record<string, string> = {
  NUDGE_RATE_LIMIT_CLIENT_PER_KEY: "1000000/1m",
  NUDGE_RATE_LIMIT_CLIENT_PER_IP: "1000000/1m",
  NUDGE_RATE_LIMIT_ADMIN_PER_CREDENTIAL: "1000000/1m",
  NUDGE_RATE_LIMIT_ADMIN_PER_IP: "1000000/1m",
  NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: "1000000/1m",
  NUDGE_RATE_LIMIT_LOGIN_PER_IP: "1000000/1m",
};

/**
 * A fresh database (SQLite in memory, or a new PostgreSQL schema) and an app over it;
 * `sqliteFile` puts the SQLite database in that file instead (backups, restarts).
 */
export async function startTestApp(
  dialect: DialectName,
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    sqliteFile?: string;
    /** Receives the request log (level info) as JSON lines. */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const base = loadConfig({ LOG_LEVEL: "silent", ...roomyRateLimits, ...options.env });
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const config: Config = {
    ...base,
    storage:
      dialect === "sqlite"
        ? { kind: "sqlite", filename: options.sqliteFile ?? ":memory:", synchronous: "full" }
        : { kind: "postgres", connectionString: postgresUrl(), poolSize: 4, schema },
  };
  const services = await compose(config, options.clock);
  const app = await createApp(
    services,
    options.logStream ? { logger: { level: "info", stream: options.logStream } } : {},
  );
  await app.ready();
  return {
    app,
    services,
    config,
    async close() {
      await app.close();
      await services.close();
      if (dialect === "postgres") await dropPostgresSchema(postgresUrl(), schema);
    },
  };
}
