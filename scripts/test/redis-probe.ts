import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Redis URL the shared rate-limit tests use, or "" when Redis is unavailable (never in CI). */
    redisUrl: string;
  }
}

const defaultUrl = "redis://127.0.0.1:6379";

/**
 * The rate-limit suite proves that nodes share counters through Redis. Without Redis that one
 * test skips with a loud warning; with CI=true it must run.
 */
export default async function probeRedis(project: TestProject): Promise<void> {
  const url = process.env.NUDGE_TEST_REDIS_URL || defaultUrl;
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    project.provide("redisUrl", url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === "true" || process.env.CI === "1") {
      throw new Error(`CI=true but Redis at ${url} cannot be reached: ${reason}`);
    }
    console.warn(
      `\n${"!".repeat(78)}\n!! Redis at ${url} is unreachable (${reason}).\n!! The shared (Redis) rate-limit tests are SKIPPED on this machine.\n!! Set NUDGE_TEST_REDIS_URL or start Redis; CI never skips them.\n${"!".repeat(78)}\n`,
    );
    project.provide("redisUrl", "");
  } finally {
    redis.disconnect();
  }
}
