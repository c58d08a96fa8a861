import type { Frequency, InteractionType } from "./types.js";

const HOUR = 3_600_000;
/** "Until the session ends": sessionStorage is dropped with the session anyway. */
export const FOREVER = 8.64e15;

/**
 * Until when (epoch ms) this page must not render a campaign again after `type`, or 0. The
 * server applies the same rules on its next answer (SPEC §3); this keeps the page and a reload
 * from the cached list in line meanwhile, and is the only enforcement of `cap: "session"`.
 */
export function blockedUntil(
  type: InteractionType,
  frequency: Frequency,
  impressions: number,
  now: number,
): number {
  const { cap = "ever", maxImpressions, minIntervalHours, dismissDays } = frequency;
  let until = 0;
  if (type === "impression") {
    if (maxImpressions && impressions >= maxImpressions) until = FOREVER;
    if (minIntervalHours) until = Math.max(until, now + minIntervalHours * HOUR);
    return until;
  }
  if (cap === "day") until = now + 24 * HOUR;
  else if (cap !== "none") until = FOREVER;
  if (type === "dismiss" && dismissDays) until = Math.max(until, now + dismissDays * 24 * HOUR);
  return until;
}
