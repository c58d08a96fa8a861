/**
 * A fixed-window counter in this process, for the limits that must hold even while the shared
 * (Redis) counter store is down: password guessing would otherwise be unthrottled for as long
 * as the outage lasts. Each node then counts on its own, so an attacker spread over N nodes
 * gets N times the budget: still a throttle, where failing open would be none.
 */
export class FallbackCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Ids tracked at once; the oldest window is forgotten first. */
    private readonly capacity = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `id`; the seconds to wait when it is over the limit, else null. */
  hit(id: string): number | null {
    const now = this.now();
    let window = this.windows.get(id);
    if (!window || window.resetAt <= now) {
      this.windows.delete(id);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(id, window);
      if (this.windows.size > this.capacity) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
    }
    window.count += 1;
    return window.count > this.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : null;
  }
}
