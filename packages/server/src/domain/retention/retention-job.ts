import type { Clock } from "../clock.js";
import type { RetentionStore } from "./ports.js";

const DAY = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  /** Rows whose time (`ts`) is older than this many days are deleted; 0 turns the job off. */
  days: number;
  /**
   * A fixed number of rows per DELETE (tests). Unset, the size adapts between 50 and 5,000
   * rows so that a batch takes about `targetBatchMs`.
   */
  batchSize?: number;
  /**
   * Each batch is a transaction of its own; on SQLite it also holds the event loop, so a
   * request arriving meanwhile waits up to this long. Measured: 100 rows took 4–12 ms on
   * SQLite (random-key index pages dominate), 1,000 rows about 11 ms on PostgreSQL.
   */
  targetBatchMs?: number;
  /** The least pause between batches; the pause is also at least 3× the batch's own time. */
  pauseMs?: number;
  intervalMs?: number;
  /** The first run, shortly after start: not at start, where migrations and warm-up run. */
  firstRunDelayMs?: number;
  onError?: (message: string) => void;
}

export interface RetentionRun {
  /** Rows with `ts` below this epoch-ms time were deleted; null when retention is off. */
  cutoff: number | null;
  interactions: number;
  events: number;
  ms: number;
}

/**
 * Deletes interactions and events older than the retention age, hourly, in small batches that
 * yield to the event loop between them. One run at a time; `stop()` ends a run after its
 * current batch, so closing the server never waits for a whole backlog.
 */
export class RetentionJob {
  private readonly targetBatchMs: number;
  private readonly pauseMs: number;
  private readonly intervalMs: number;
  private readonly firstRunDelayMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<RetentionRun> | undefined;
  private stopped = false;
  /** The last completed run, for logs and health pages. */
  lastRun: RetentionRun | undefined;

  constructor(
    private readonly store: RetentionStore,
    private readonly clock: Clock,
    private readonly options: RetentionOptions,
  ) {
    this.targetBatchMs = options.targetBatchMs ?? 10;
    this.pauseMs = options.pauseMs ?? 5;
    this.intervalMs = options.intervalMs ?? 60 * 60 * 1000;
    this.firstRunDelayMs = options.firstRunDelayMs ?? 30_000;
  }

  get enabled(): boolean {
    return this.options.days > 0;
  }

  /** Whether a future run is scheduled (false when off, and after `stop()`). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Schedules the first run; does nothing when retention is off. */
  start(): void {
    if (this.enabled && !this.stopped && !this.timer) this.schedule(this.firstRunDelayMs);
  }

  /** Runs now (or joins the run in progress) and answers what it deleted. */
  runOnce(): Promise<RetentionRun> {
    this.current ??= this.prune().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  /** No further runs; waits for the batch in progress, if any, to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current?.catch(() => {});
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runOnce()
        .catch((error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          this.options.onError?.(`retention run failed: ${why}`);
        })
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
    // A pending run must not keep a finished process (tests, CLI commands) alive.
    this.timer.unref?.();
  }

  private async prune(): Promise<RetentionRun> {
    const started = Date.now();
    if (!this.enabled) return { cutoff: null, interactions: 0, events: 0, ms: 0 };
    const cutoff = this.clock.now() - this.options.days * DAY;
    const interactions = await this.drain((n) => this.store.deleteInteractionsBefore(cutoff, n));
    const events = await this.drain((n) => this.store.deleteEventsBefore(cutoff, n));
    this.lastRun = { cutoff, interactions, events, ms: Date.now() - started };
    return this.lastRun;
  }

  private async drain(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    let size = this.options.batchSize ?? 200;
    while (!this.stopped) {
      const started = performance.now();
      const deleted = await deleteBatch(size);
      const tookMs = performance.now() - started;
      total += deleted;
      if (deleted < size) break;
      if (this.options.batchSize === undefined)
        size = nextBatchSize(size, tookMs, this.targetBatchMs);
      // At most a quarter of the time goes to deleting, however large the backlog; requests
      // that arrived during the batch run before the next one starts.
      await new Promise((resolve) => setTimeout(resolve, Math.max(this.pauseMs, 3 * tookMs)));
    }
    return total;
  }
}

/** Steers the batch size toward the target time, changing it at most 2× per step. */
export function nextBatchSize(size: number, tookMs: number, targetMs: number): number {
  const scaled = (size * targetMs) / Math.max(tookMs, 0.1);
  const bounded = Math.min(size * 2, Math.max(size / 2, scaled));
  return Math.round(Math.min(5000, Math.max(50, bounded)));
}
