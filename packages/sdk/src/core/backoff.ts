const BASE_MS = 1000;
const MAX_MS = 60_000;

/** Network errors (status 0), 429 and 5xx are worth retrying; any other 4xx never succeeds. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * Delay before retry number `attempt` (0-based): exponential from 1 s to 60 s with "equal jitter"
 * (half fixed, half random) so a fleet of browsers coming back online does not retry in step.
 * A server's Retry-After wins when it asks for longer.
 */
export function backoffDelay(attempt: number, retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.max(Math.min(retryAfterMs, 3_600_000), ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After as milliseconds, 0 when absent or unreadable. Only the delta-seconds form: it is
 * what rate limiters (ours included) send, and a date would need a trustworthy client clock.
 */
export function retryAfterMs(header: string | null | undefined): number {
  const seconds = Number(header);
  return header && seconds > 0 ? seconds * 1000 : 0;
}

/**
 * Runs `request` until it gets an answer that is not worth retrying, at most `tries` times,
 * waiting backoffDelay between attempts. A rejected promise counts as a network error.
 */
export async function withRetry<T extends { status: number; retryAfter?: string | null }>(
  request: () => Promise<T>,
  tries = 4,
): Promise<T | { status: 0 }> {
  for (let attempt = 0; ; attempt++) {
    const result = await request().catch(() => ({ status: 0 }) as const);
    if (!isRetryable(result.status) || attempt >= tries - 1) return result;
    const wait = backoffDelay(
      attempt,
      retryAfterMs("retryAfter" in result ? result.retryAfter : null),
    );
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
