import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    globalSetup: ["scripts/test/postgres-probe.ts", "scripts/test/redis-probe.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own SQLite database and PostgreSQL schema; two workers keep the
    // 2-core machines (and PostgreSQL's 100 connections) comfortable.
    maxWorkers: 2,
  },
});
