import type { MessageStatus } from "@nudge/schema";
import type { DailyRow, StatsStore } from "./ports.js";

const types = ["impression", "dismiss", "cta_click", "complete"] as const;
type Counts = Record<(typeof types)[number], number>;

export interface MessageStats {
  messageId: string;
  counts: Counts;
  users: Counts;
  /** Shares of impressions, 0 when there were none. */
  rates: { dismiss: number; ctaClick: number; complete: number };
  daily: { date: string; counts: Counts }[];
  steps: { step: number; counts: Counts }[];
}

const zero = (): Counts => ({ impression: 0, dismiss: 0, cta_click: 0, complete: 0 });
const dayMs = 86_400_000;

function ratesOf(c: Counts) {
  const rate = (n: number) =>
    c.impression === 0 ? 0 : Math.round((n / c.impression) * 10_000) / 10_000;
  return { dismiss: rate(c.dismiss), ctaClick: rate(c.cta_click), complete: rate(c.complete) };
}

function add(target: Counts, type: string, n: number) {
  if (type in target) target[type as keyof Counts] += n;
}

export async function messageStats(
  store: StatsStore,
  messageId: string,
  since: number,
): Promise<MessageStats> {
  const [totals, daily, steps] = await Promise.all([
    store.totals(messageId, since),
    store.daily(messageId, since),
    store.byStep(messageId, since),
  ]);
  const counts = zero();
  const users = zero();
  for (const row of totals) {
    add(counts, row.type, row.count);
    add(users, row.type, row.users);
  }
  const byStep = countsBy(steps, (row) => row.step);
  return {
    messageId,
    counts,
    users,
    rates: ratesOf(counts),
    daily: dailySeries(daily),
    steps: [...byStep.entries()]
      .sort(([a], [b]) => a - b)
      .map(([step, c]) => ({ step, counts: c })),
  };
}

export interface ProductStats {
  total: number;
  active: number;
  impressions: number;
  messages: { messageId: string; counts: Counts; rates: ReturnType<typeof ratesOf> }[];
  daily: { date: string; counts: Counts }[];
}

export async function productStats(
  store: StatsStore,
  statusCounts: Record<MessageStatus, number>,
  since: number,
): Promise<ProductStats> {
  const [totals, daily] = await Promise.all([store.totals(null, since), store.daily(null, since)]);
  const perMessage = countsBy(totals, (row) => row.messageId);
  const messages = [...perMessage.entries()].map(([messageId, c]) => ({
    messageId,
    counts: c,
    rates: ratesOf(c),
  }));
  return {
    total: statusCounts.draft + statusCounts.active + statusCounts.paused,
    active: statusCounts.active,
    impressions: messages.reduce((sum, m) => sum + m.counts.impression, 0),
    messages,
    daily: dailySeries(daily),
  };
}

/** Folds rows of (type, count) into one Counts per key, in first-seen order. */
function countsBy<R extends { type: string; count: number }, K>(
  rows: R[],
  keyOf: (row: R) => K,
): Map<K, Counts> {
  const out = new Map<K, Counts>();
  for (const row of rows) {
    const key = keyOf(row);
    const c = out.get(key) ?? zero();
    add(c, row.type, row.count);
    out.set(key, c);
  }
  return out;
}

function dailySeries(rows: DailyRow[]): { date: string; counts: Counts }[] {
  return [...countsBy(rows, (row) => row.day).entries()].map(([day, counts]) => ({
    date: new Date(day * dayMs).toISOString().slice(0, 10),
    counts,
  }));
}
