import { mkdirSync, writeFileSync } from "node:fs";
import type { AnswerShape, Measurement } from "./load.js";
import { batchSize } from "./load.js";
import type { ProfileSummary } from "./profile.js";

/** The targets of issue 3 (benchmark, not test). */
export const targets = {
  sqlite: { activeRatio: 0.4, activeP99Ms: 15, eventsPerSec: 20_000 },
  postgres: { activeRatio: 0.25, activeP99Ms: undefined, eventsPerSec: 10_000 },
} as const;

export interface Durability {
  ackedEvents: number;
  /** New rows in the events table of the bench product after the run. */
  landedEvents: number;
  /** Of those, rows of batches cut off unanswered by the end of the run (unacknowledged). */
  landedUnanswered: number;
  unansweredBatches: number;
  rejectedBatches: number;
  /** Every acknowledged event landed, and nothing landed that was not sent. */
  ok: boolean;
}

export interface DialectResult {
  dialect: "sqlite" | "postgres";
  seedSeconds: Record<string, number>;
  answers: AnswerShape;
  bare: Measurement;
  /** Fastify answering a fixed body of the mean /active size: what the stack alone allows. */
  ceiling?: Measurement;
  /** The same after Nudge's two per-user reads: what the stack and the reads alone allow. */
  readsCeiling?: Measurement;
  active: Measurement;
  ingest: Measurement;
  durability: Durability;
  verdict: { active: boolean; ingest: boolean };
  profile?: ProfileSummary;
}

export function durabilityOf(
  ackedEvents: number,
  landedEvents: number,
  landedUnanswered: number,
  unansweredBatches: number,
  rejectedBatches: number,
): Durability {
  const ok = landedEvents - landedUnanswered === ackedEvents;
  return { ackedEvents, landedEvents, landedUnanswered, unansweredBatches, rejectedBatches, ok };
}

export function verdictOf(
  dialect: DialectResult["dialect"],
  bare: Measurement,
  active: Measurement,
  ingest: Measurement,
  durability: Durability,
) {
  const t = targets[dialect];
  const ratio = active.requestsPerSec / bare.requestsPerSec;
  const p99ok = t.activeP99Ms === undefined || active.p99 <= t.activeP99Ms;
  return {
    active: ratio >= t.activeRatio && p99ok && active.failed === 0,
    ingest:
      ingest.requestsPerSec * batchSize >= t.eventsPerSec && durability.ok && ingest.failed === 0,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => Math.round(x).toLocaleString("en-US");

export function printTable(results: DialectResult[]): void {
  const header = ["scenario", "req/s", "p50 ms", "p99 ms", "vs bare", "events/s", "target", ""];
  const rows: string[][] = [header];
  for (const r of results) {
    const t = targets[r.dialect];
    const d = r.dialect;
    const ratio = r.active.requestsPerSec / r.bare.requestsPerSec;
    rows.push([
      `${d}: bare node:http`,
      num(r.bare.requestsPerSec),
      fmt(r.bare.p50),
      fmt(r.bare.p99),
      "100%",
      "",
      "",
      "",
    ]);
    const references: [string, Measurement | undefined][] = [
      [`${d}: Fastify, fixed ${num(r.answers.meanBytes)} B`, r.ceiling],
      [`${d}: Fastify, two reads, fixed`, r.readsCeiling],
    ];
    for (const [name, m] of references) {
      if (!m) continue;
      rows.push([
        name,
        num(m.requestsPerSec),
        fmt(m.p50),
        fmt(m.p99),
        pct(m.requestsPerSec / r.bare.requestsPerSec),
        "",
        "(reference)",
        "",
      ]);
    }
    rows.push([
      `${d}: GET /messages/active`,
      num(r.active.requestsPerSec),
      fmt(r.active.p50),
      fmt(r.active.p99),
      pct(ratio),
      "",
      `≥ ${pct(t.activeRatio)}${t.activeP99Ms ? `, p99 ≤ ${t.activeP99Ms} ms` : ""}`,
      r.verdict.active ? "PASS" : "MISS",
    ]);
    rows.push([
      `${d}: POST /events ×${batchSize}`,
      num(r.ingest.requestsPerSec),
      fmt(r.ingest.p50),
      fmt(r.ingest.p99),
      "",
      num(r.ingest.requestsPerSec * batchSize),
      `≥ ${num(t.eventsPerSec)} ev/s, acked = landed`,
      r.verdict.ingest ? "PASS" : "MISS",
    ]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 || c === 6 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ");
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows.slice(1)) console.log(line(row));
  for (const r of results) {
    const a = r.answers;
    const dur = r.durability;
    console.log(
      `\n${r.dialect}: /active answers for ${a.sampled} random users: ${a.meanMessages} messages on average (p50 ${a.p50Messages}, p99 ${a.p99Messages}, max ${a.maxMessages}), ${num(a.meanBytes)} bytes`,
    );
    console.log(
      `${r.dialect}: durability ${dur.ok ? "OK" : "FAILED"}: ${num(dur.ackedEvents)} events acknowledged (2xx), ${num(dur.landedEvents)} rows landed (of which ${num(dur.landedUnanswered)} from the ${dur.unansweredBatches} batches cut off unanswered at the end of the runs), ${dur.rejectedBatches} batches rejected`,
    );
    const failed = r.active.failed + r.ingest.failed + r.bare.failed;
    if (failed > 0) console.log(`${r.dialect}: ${failed} non-2xx/errors/timeouts during the load!`);
  }
}

const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

export function writeJson(path: URL, data: unknown): void {
  mkdirSync(new URL(".", path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
