import { attentionBudgetLimits } from "@nudge/schema";
import type { HistoryRow } from "./ports.js";

/**
 * A user's interactions, summarised per (message, type): what the rules read, kept up to date
 * at ingest so `/messages/active` reads one small row instead of grouping the user's
 * interactions on every request (ADR 0008). `recent` holds the timestamps young enough to fall
 * inside the attention budget's day and week windows.
 */
export type SummaryEntry = [
  messageId: string,
  type: string,
  count: number,
  last: number,
  recent: number[],
];
export type HistorySummary = SummaryEntry[];

/** One interaction as the summary counts it. */
export interface Counted {
  messageId: string;
  type: string;
  ts: number;
}

const day = 24 * 3600 * 1000;
/**
 * The budget windows are the last 24 hours and 7 days at read time; one more day of timestamps
 * is kept so a read whose clock is up to a day behind the writer's still counts exactly.
 */
export const recentMs = 8 * day;
/**
 * The budget compares a count with at most `maxPerWeek`, so more timestamps than that per entry
 * never change an answer: the newest are kept, the rest only cost space.
 */
export const maxRecent = attentionBudgetLimits.maxPerWeek;

/** Adds interactions to a summary (in place) and drops timestamps too old to matter at `now`. */
export function addInteractions(
  summary: HistorySummary,
  items: Counted[],
  now: number,
): HistorySummary {
  const byKey = new Map(summary.map((e) => [keyOf(e[0], e[1]), e]));
  for (const { messageId, type, ts } of items) {
    const key = keyOf(messageId, type);
    let entry = byKey.get(key);
    if (!entry) {
      entry = [messageId, type, 0, ts, []];
      byKey.set(key, entry);
      summary.push(entry);
    }
    entry[2] += 1;
    if (ts > entry[3]) entry[3] = ts;
    entry[4].push(ts);
  }
  return prune(summary, now);
}

/** Another summary's counts folded into this one (an anonymous id merged into its person). */
export function mergeSummaries(
  into: HistorySummary,
  from: HistorySummary,
  now: number,
): HistorySummary {
  const byKey = new Map(into.map((e) => [keyOf(e[0], e[1]), e]));
  for (const [messageId, type, count, last, recent] of from) {
    const entry = byKey.get(keyOf(messageId, type));
    if (!entry) {
      const copy: SummaryEntry = [messageId, type, count, last, [...recent]];
      byKey.set(keyOf(messageId, type), copy);
      into.push(copy);
      continue;
    }
    entry[2] += count;
    if (last > entry[3]) entry[3] = last;
    entry[4].push(...recent);
  }
  return prune(into, now);
}

function prune(summary: HistorySummary, now: number): HistorySummary {
  const oldest = now - recentMs;
  for (const entry of summary) {
    let recent = entry[4].filter((ts) => ts > oldest);
    if (recent.length > maxRecent) recent = recent.sort((a, b) => b - a).slice(0, maxRecent);
    entry[4] = recent;
  }
  return summary;
}

/** The rows the rules fold, as of `now`: the same as grouping the interactions themselves. */
export function historyRows(summary: HistorySummary, now: number): HistoryRow[] {
  const dayAgo = now - day;
  const weekAgo = now - 7 * day;
  return summary.map(([messageId, type, count, last, recent]) => {
    let countLastDay = 0;
    let countLastWeek = 0;
    for (const ts of recent) {
      if (ts > weekAgo) countLastWeek++;
      if (ts > dayAgo) countLastDay++;
    }
    return { messageId, type, count, last, countLastDay, countLastWeek };
  });
}

/** A stored summary; anything malformed reads as no history rather than failing the request. */
export function parseSummary(text: string | null | undefined): HistorySummary {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function isEntry(e: unknown): e is SummaryEntry {
  return (
    Array.isArray(e) &&
    e.length === 5 &&
    typeof e[0] === "string" &&
    typeof e[1] === "string" &&
    Number.isFinite(e[2]) &&
    Number.isFinite(e[3]) &&
    Array.isArray(e[4])
  );
}

const keyOf = (messageId: string, type: string) => `${messageId}\u0000${type}`;
