import { backoffDelay, isRetryable, retryAfterMs } from "./backoff.js";
import type { HttpResult } from "./platform.js";
import type { SafeStore } from "./store.js";
import type { SdkEvent } from "./types.js";

/** Offline queue bound: the oldest events go first when a long outage fills it. */
export const MAX_QUEUED = 1000;
const MAX_BATCH = 100;
/** 20k UTF-16 units are at most 60 KB of UTF-8: under the 64 KiB a page may have in keepalive. */
const MAX_BATCH_CHARS = 20_000;
const DEBOUNCE_MS = 1000;
const VERSION = 1;

export interface QueueDeps {
  store: SafeStore;
  /** Storage key; the stored value is versioned so a future format can ignore this one. */
  key: string;
  send(body: string): Promise<HttpResult>;
  beacon(body: string): boolean;
  onError(error: unknown): void;
}

export interface EventQueue {
  push(event: SdkEvent, urgent?: boolean): void;
  /** Send now unless a request is in flight or a backoff is running. */
  flush(): void;
  /** The network is back: forget the backoff and send. */
  retryNow(): void;
  /** The page is going away: hand what is left to sendBeacon. */
  flushBeacon(): void;
  stop(): void;
}

/**
 * Batches events, persists them until the server has accepted them, and retries with backoff.
 * Events handed to sendBeacon leave memory but stay in storage until the next write, so if the
 * beacon is lost the next page load sends them again; the server drops duplicates by uuid.
 */
export function createQueue(deps: QueueDeps): EventQueue {
  const stored = deps.store.get<{ v: number; e: SdkEvent[] }>(deps.key);
  let events: SdkEvent[] = stored?.v === VERSION && Array.isArray(stored.e) ? stored.e : [];
  let inFlight: SdkEvent[] = [];
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const persist = () => deps.store.set(deps.key, { v: VERSION, e: events });
  const later = (ms: number) => {
    clearTimeout(timer);
    timer = stopped
      ? undefined
      : setTimeout(() => {
          timer = undefined;
          run();
        }, ms);
  };
  const now = () => {
    clearTimeout(timer);
    timer = undefined;
    run();
  };
  const takeBatch = (): SdkEvent[] => {
    let chars = 0;
    const batch: SdkEvent[] = [];
    for (const e of events) {
      if (inFlight.includes(e)) continue;
      chars += JSON.stringify(e).length + 1;
      if (batch.length && (batch.length >= MAX_BATCH || chars > MAX_BATCH_CHARS)) break;
      batch.push(e);
    }
    return batch;
  };
  const drop = (batch: SdkEvent[]) => {
    events = events.filter((e) => !batch.includes(e));
    persist();
  };

  /** Sends one batch, then the next; on a retryable failure waits out a growing backoff. */
  function run(): void {
    if (stopped || inFlight.length) return;
    const batch = takeBatch();
    if (!batch.length) return;
    inFlight = batch;
    const body = JSON.stringify({ batch });
    // Through a promise, so even a send that throws at once is just a failed attempt.
    Promise.resolve()
      .then(() => deps.send(body))
      .catch((): HttpResult => ({ status: 0 }))
      .then((result) => {
        inFlight = [];
        if (isRetryable(result.status)) {
          later(backoffDelay(attempt++, retryAfterMs(result.retryAfter)));
          return;
        }
        attempt = 0;
        // 2xx: delivered. Any other 4xx would fail forever: drop it rather than block the queue.
        if (result.status >= 300) deps.onError(new Error(`events rejected: HTTP ${result.status}`));
        drop(batch);
        run();
      });
  }

  // What an earlier page could not deliver goes out with this page's first batch.
  if (events.length) later(DEBOUNCE_MS);

  return {
    push(event, urgent) {
      events.push(event);
      if (events.length > MAX_QUEUED) events.splice(0, events.length - MAX_QUEUED);
      persist();
      // While backing off, the retry timer sends everything; do not hammer a failing server.
      if (attempt) return;
      if (urgent) now();
      else if (timer === undefined) later(DEBOUNCE_MS);
    },
    flush() {
      if (!attempt) now();
    },
    retryNow() {
      attempt = 0;
      now();
    },
    flushBeacon() {
      // After failures the network is probably down: a beacon would be lost, storage is not.
      if (attempt) return;
      for (let batch = takeBatch(); batch.length; batch = takeBatch()) {
        if (!deps.beacon(JSON.stringify({ batch }))) return;
        events = events.filter((e) => !batch.includes(e));
      }
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
