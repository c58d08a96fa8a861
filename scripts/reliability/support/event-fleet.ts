/**
 * Clients that send `POST /api/v1/events` the way the browser SDK's queue does: one batch in
 * flight per client, and a batch that got no 2xx (network error, 5xx, 429) is sent again with
 * the same uuids after a backoff that honours Retry-After. Every uuid a 2xx acknowledged is
 * remembered, so the database can be checked against it afterwards.
 */
export interface FleetOptions {
  url: () => string;
  publishableKey: string;
  /** A real message of the product, so message_* events also write interactions. */
  messageId: string;
  clients: number;
  batchSize: number;
  /** Prefix of every uuid of this run: the database check looks at these rows only. */
  runId: string;
  /** Cap of the client-side backoff (ms); the SDK's is 60 s, compressed here to keep runs short. */
  maxBackoffMs?: number;
}

export interface FleetTally {
  batches: number;
  eventsSent: number;
  requests: number;
  retries: number;
  /** Batches sent and not yet answered, now. */
  inFlight: number;
  /** Answers by HTTP status; 0 = no answer (refused, reset, timed out). */
  statuses: Map<number, number>;
  /** Sum of `accepted` / `duplicates` over the 2xx answers. */
  accepted: number;
  duplicates: number;
  /** A 2xx whose accepted + duplicates did not equal the batch size. */
  miscounted: number;
  acked: Set<string>;
  /** uuids of message_* events (which also write an interaction row), acknowledged. */
  ackedInteractions: Set<string>;
  /** Every uuid ever sent, acknowledged or not. */
  sent: Set<string>;
}

interface Batch {
  n: number;
  uuids: string[];
  interactionUuids: string[];
  body: string;
  attempts: number;
}

const pages = ["/", "/pricing", "/app", "/app/settings", "/docs/getting-started"];

export class EventFleet {
  readonly tally: FleetTally = {
    batches: 0,
    eventsSent: 0,
    requests: 0,
    retries: 0,
    inFlight: 0,
    statuses: new Map(),
    accepted: 0,
    duplicates: 0,
    miscounted: 0,
    acked: new Set(),
    ackedInteractions: new Set(),
    sent: new Set(),
  };
  private generating = true;
  private running: Promise<void>[] = [];

  constructor(private readonly options: FleetOptions) {}

  start(): void {
    this.generating = true;
    for (let c = 0; c < this.options.clients; c++) this.running.push(this.client(c));
  }

  /** Stops making new batches and waits until every batch made so far is acknowledged. */
  async drain(timeoutMs: number): Promise<void> {
    this.generating = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`batches still unacknowledged after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all(this.running), timeout]);
    } finally {
      clearTimeout(timer);
      this.running = [];
    }
  }

  private newBatch(client: number): Batch {
    const n = this.tally.batches++;
    const { batchSize, runId, messageId } = this.options;
    const uuids: string[] = [];
    const interactionUuids: string[] = [];
    const events = Array.from({ length: batchSize }, (_, i) => {
      const uuid = `${runId}-c${client}-b${n}-${i}`;
      uuids.push(uuid);
      this.tally.sent.add(uuid);
      const distinctId = `user-${(n * 7 + i) % 500}`;
      if (i % 5 === 0) {
        interactionUuids.push(uuid);
        return {
          uuid,
          event: "message_impression",
          distinctId,
          properties: { messageId, step: 0 },
        };
      }
      return { uuid, event: "$pageview", distinctId, properties: { path: pages[i % 5] } };
    });
    this.tally.eventsSent += batchSize;
    return { n, uuids, interactionUuids, body: JSON.stringify({ batch: events }), attempts: 0 };
  }

  private async client(c: number): Promise<void> {
    let current: Batch | undefined;
    let failures = 0;
    for (;;) {
      if (!current) {
        if (!this.generating) return;
        current = this.newBatch(c);
      }
      if (current.attempts++ > 0) this.tally.retries++;
      this.tally.inFlight++;
      const { status, retryAfter, body } = await this.post(current.body);
      this.tally.inFlight--;
      this.tally.requests++;
      this.tally.statuses.set(status, (this.tally.statuses.get(status) ?? 0) + 1);
      if (status >= 200 && status < 300) {
        const counts = JSON.parse(body) as { accepted: number; duplicates: number };
        this.tally.accepted += counts.accepted;
        this.tally.duplicates += counts.duplicates;
        if (counts.accepted + counts.duplicates !== current.uuids.length) this.tally.miscounted++;
        for (const u of current.uuids) this.tally.acked.add(u);
        for (const u of current.interactionUuids) this.tally.ackedInteractions.add(u);
        current = undefined;
        failures = 0;
        continue;
      }
      // The SDK's rule: network errors, 429 and 5xx are retried; another 4xx never succeeds.
      if (status !== 0 && status !== 429 && status < 500) {
        throw new Error(`POST /events answered ${status}: ${body.slice(0, 300)}`);
      }
      const ceiling = Math.min(this.options.maxBackoffMs ?? 2000, 100 * 2 ** failures++);
      const wait = Math.max(retryAfter * 1000, ceiling / 2 + (Math.random() * ceiling) / 2);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async post(body: string): Promise<{ status: number; retryAfter: number; body: string }> {
    try {
      const res = await fetch(
        `${this.options.url()}/api/v1/events?api_key=${this.options.publishableKey}`,
        {
          method: "POST",
          // text/plain, as the SDK sends it (no CORS preflight).
          headers: { "content-type": "text/plain" },
          body,
          signal: AbortSignal.timeout(20_000),
        },
      );
      const text = await res.text();
      return {
        status: res.status,
        retryAfter: Number(res.headers.get("retry-after")) || 0,
        body: text,
      };
    } catch {
      return { status: 0, retryAfter: 0, body: "" };
    }
  }
}

export function statusesOf(tally: FleetTally): Record<string, number> {
  return Object.fromEntries(
    [...tally.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]),
  );
}
