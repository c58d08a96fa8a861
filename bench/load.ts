import autocannon from "autocannon";
import { distinctIdOf } from "./data-shape.js";
import type { Seeded } from "./tenant.js";

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface Measurement {
  requestsPerSec: number;
  p50: number;
  p99: number;
  /** Over the measured window (warm-up excluded). */
  ok: number;
  failed: number;
  seconds: number;
}

/** A short warm-up run (discarded), then the measured run, with the same request recipe. */
export async function measure(
  url: string,
  settings: LoadSettings,
  recipe: () => autocannon.Request,
  window?: { start?: () => void; end?: () => void },
): Promise<Measurement> {
  const { connections } = settings;
  await autocannon({ url, connections, duration: settings.warmupSeconds, requests: [recipe()] });
  window?.start?.();
  const r = await autocannon({
    url,
    connections,
    duration: settings.seconds,
    requests: [recipe()],
  });
  window?.end?.();
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    failed: r.non2xx + r.errors + r.timeouts,
    seconds: r.duration,
  };
}

/** A random seeded user, or (5%) a never-seen anonymous visitor. */
export function randomUser(users: number): string {
  if (Math.random() < 0.05) return `anon-${Math.random().toString(36).slice(2, 12)}`;
  return distinctIdOf(Math.floor(Math.random() * users));
}

export const activePath = (seeded: Seeded, user: string) =>
  `/api/v1/messages/active?distinct_id=${encodeURIComponent(user)}&api_key=${seeded.publishableKey}`;

/** GET /messages/active for a random user per request. */
export function activeRecipe(seeded: Seeded): () => autocannon.Request {
  return () => ({
    method: "GET",
    setupRequest: (request) => ({ ...request, path: activePath(seeded, randomUser(seeded.users)) }),
  });
}

export const batchSize = 50;

const pages = ["/", "/pricing", "/app", "/app/settings", "/docs/getting-started", "/app/reports"];
const customEvents = ["feature_used", "export_clicked", "report_viewed", "invite_sent"];
const messageEvents = [
  "message_impression",
  "message_impression",
  "message_impression",
  "message_dismiss",
  "message_cta_click",
  "message_complete",
];
const any = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]!;

/** Tallies of an ingest run: batches without an answer yet, events acknowledged with a 2xx. */
export interface IngestTally {
  pending: Set<number>;
  ackedEvents: number;
  rejected: number;
}

/**
 * POST /events with 50 fresh events per request (text/plain JSON, as the SDK sends them): half
 * page views, a quarter custom events, a quarter message_* events on real messages.
 */
export function ingestRecipe(seeded: Seeded, runId: string, tally: IngestTally) {
  let batches = 0;
  return (): autocannon.Request => ({
    method: "POST",
    headers: { "content-type": "text/plain" },
    setupRequest: (request, context) => {
      // One request in flight per connection: its context carries the batch number.
      const n = batches++;
      context.batch = n;
      tally.pending.add(n);
      const batch = Array.from({ length: batchSize }, (_, i) => {
        const uuid = `${runId}-${n}-${i}`;
        const distinctId = randomUser(seeded.users);
        const r = Math.random();
        if (r < 0.5) {
          return { uuid, event: "$pageview", distinctId, properties: { path: any(pages) } };
        }
        if (r < 0.75) {
          return { uuid, event: any(customEvents), distinctId, properties: { plan: "pro" } };
        }
        const messageId = any(seeded.messageIds);
        return { uuid, event: any(messageEvents), distinctId, properties: { messageId, step: 0 } };
      });
      return {
        ...request,
        path: `/api/v1/events?api_key=${seeded.publishableKey}`,
        body: JSON.stringify({ batch }),
      };
    },
    onResponse: (status, body, context) => {
      tally.pending.delete(context.batch as number);
      if (status >= 200 && status < 300) {
        tally.ackedEvents += (JSON.parse(body) as { accepted: number }).accepted;
      } else tally.rejected++;
    },
  });
}

export interface AnswerShape {
  sampled: number;
  meanMessages: number;
  p50Messages: number;
  p99Messages: number;
  maxMessages: number;
  meanBytes: number;
}

/** What /active answers for random users: how many messages, how many bytes. */
export async function sampleAnswers(url: string, seeded: Seeded, n = 400): Promise<AnswerShape> {
  const counts: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const res = await fetch(url + activePath(seeded, randomUser(seeded.users)));
    const text = await res.text();
    if (!res.ok) throw new Error(`/messages/active answered ${res.status}: ${text}`);
    counts.push((JSON.parse(text) as { messages: unknown[] }).messages.length);
    bytes += Buffer.byteLength(text);
  }
  counts.sort((a, b) => a - b);
  const at = (q: number) => counts[Math.min(n - 1, Math.floor(q * n))]!;
  return {
    sampled: n,
    meanMessages: Math.round((counts.reduce((a, b) => a + b, 0) / n) * 10) / 10,
    p50Messages: at(0.5),
    p99Messages: at(0.99),
    maxMessages: counts[n - 1]!,
    meanBytes: Math.round(bytes / n),
  };
}
