import type { MessageStatus } from "@nudge/schema";
import type { StatRow, StatsStore } from "./ports.js";

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
  const days = new Map<number, Counts>();
  for (const row of daily) {
    const c = days.get(row.day) ?? zero();
    add(c, row.type, row.count);
    days.set(row.day, c);
  }
  const byStep = new Map<number, Counts>();
  for (const row of steps) {
    const c = byStep.get(row.step) ?? zero();
    add(c, row.type, row.count);
    byStep.set(row.step, c);
  }
  return {
    messageId,
    counts,
    users,
    rates: ratesOf(counts),
    daily: [...days.entries()].map(([day, c]) => ({
      date: new Date(day * dayMs).toISOString().slice(0, 10),
      counts: c,
    })),
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
  const perMessage = new Map<string, Counts>();
  for (const row of totals as StatRow[]) {
    const c = perMessage.get(row.messageId) ?? zero();
    add(c, row.type, row.count);
    perMessage.set(row.messageId, c);
  }
  const days = new Map<number, Counts>();
  for (const row of daily) {
    const c = days.get(row.day) ?? zero();
    add(c, row.type, row.count);
    days.set(row.day, c);
  }
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
    daily: [...days.entries()].map(([day, c]) => ({
      date: new Date(day * dayMs).toISOString().slice(0, 10),
      counts: c,
    })),
  };
}
