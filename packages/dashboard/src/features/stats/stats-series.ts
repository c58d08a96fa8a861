import type { InteractionCounts, MessageStats } from "../../api/types";

const dayMs = 86_400_000;

export interface DailyPoint {
  date: string;
  label: string;
  Impressions: number;
  Dismissed: number;
  "CTA clicks": number;
  Completed: number;
}

const shortDate = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** One point per UTC day of the period, zeros where nothing happened, so the axis is honest. */
export function dailySeries(stats: MessageStats, days: number, now = Date.now()): DailyPoint[] {
  const byDate = new Map(stats.daily.map((d) => [d.date, d.counts]));
  const today = Math.floor(now / dayMs);
  const points: DailyPoint[] = [];
  for (let day = today - days + 1; day <= today; day++) {
    const date = new Date(day * dayMs).toISOString().slice(0, 10);
    const c = byDate.get(date);
    points.push({
      date,
      label: shortDate.format(new Date(day * dayMs)),
      Impressions: c?.impression ?? 0,
      Dismissed: c?.dismiss ?? 0,
      "CTA clicks": c?.cta_click ?? 0,
      Completed: c?.complete ?? 0,
    });
  }
  return points;
}

export interface FunnelPoint {
  step: string;
  Reached: number;
  Dismissed: number;
  "CTA clicks": number;
  Completed: number;
}

const terminal = (c: InteractionCounts | undefined) =>
  c ? c.dismiss + c.cta_click + c.complete : 0;

/**
 * Per step: how many flows reached it (impressions minus flows that ended on an earlier step)
 * and how the flows that ended there ended.
 */
export function funnelSeries(stats: MessageStats, stepCount: number): FunnelPoint[] {
  const byStep = new Map(stats.steps.map((s) => [s.step, s.counts]));
  const count = Math.max(stepCount, ...stats.steps.map((s) => s.step + 1), 1);
  let reached = stats.counts.impression;
  const points: FunnelPoint[] = [];
  for (let i = 0; i < count; i++) {
    const c = byStep.get(i);
    points.push({
      step: `Step ${i + 1}`,
      Reached: Math.max(0, reached),
      Dismissed: c?.dismiss ?? 0,
      "CTA clicks": c?.cta_click ?? 0,
      Completed: c?.complete ?? 0,
    });
    reached -= terminal(c);
  }
  return points;
}
