import { once } from "node:events";
import { Redis } from "ioredis";

export interface RedisLog {
  warn(message: string): void;
}

/**
 * A Redis connection tuned to fail fast: with Redis down or slow, a command errors within
 * `commandTimeout` instead of waiting in ioredis's offline queue, so callers (the rate limiter)
 * can fail open and answer the request. It keeps reconnecting in the background. Startup waits
 * briefly for the first connection, then goes on without it.
 */
export async function openRedis(url: string, log: RedisLog): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let warned = 0;
  // Without a listener ioredis prints every failed reconnect; one line a minute is enough.
  redis.on("error", (error: Error) => {
    const now = Date.now();
    if (now - warned < 60_000) return;
    warned = now;
    log.warn(
      `Redis unavailable (${error.message}): requests are not rate-limited until it is back`,
    );
  });
  const ready = once(redis, "ready").then(() => true);
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, 2000, false).unref());
  if (!(await Promise.race([ready.catch(() => false), timeout]))) {
    log.warn(`Redis at ${redactedUrl(url)} is not reachable yet; starting without it`);
  }
  return redis;
}

/** The URL without its password, for logs. */
function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
