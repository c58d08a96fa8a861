import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL URL tests use, or "" when PostgreSQL is unavailable (never in CI). */
    postgresUrl: string;
  }
}

const defaultUrl = "postgres://postgres@127.0.0.1:5432/test";

/**
 * Every storage and API suite runs on SQLite and PostgreSQL. On a newcomer's machine without
 * PostgreSQL the PostgreSQL half skips with a loud warning; with CI=true it must run.
 */
export default async function probePostgres(project: TestProject): Promise<void> {
  const url = process.env.NUDGE_TEST_DATABASE_URL || defaultUrl;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    project.provide("postgresUrl", url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === "true" || process.env.CI === "1") {
      throw new Error(`CI=true but PostgreSQL at ${url} cannot be reached: ${reason}`);
    }
    console.warn(
      `\n${"!".repeat(78)}\n!! PostgreSQL at ${url} is unreachable (${reason}).\n!! The PostgreSQL half of every storage and API suite is SKIPPED on this machine.\n!! Set NUDGE_TEST_DATABASE_URL or start PostgreSQL; CI never skips it.\n${"!".repeat(78)}\n`,
    );
    project.provide("postgresUrl", "");
  } finally {
    await client.end().catch(() => {});
  }
}
