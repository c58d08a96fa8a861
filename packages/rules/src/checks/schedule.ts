import { formatAgo, formatInstant } from "../format.js";
import {
  type CheckInput,
  fail,
  nowMs,
  optionalDate,
  optionalRecord,
  pass,
  type RuleResult,
  record,
} from "./read.js";

/**
 * Live while startsAt <= now < endsAt; a missing bound is open. An unparseable bound fails
 * closed (via InvalidDataError) rather than being read as "no bound".
 */
export function checkSchedule({ message, now }: CheckInput): RuleResult {
  const schedule = optionalRecord(record(message, "message").schedule, "schedule");
  if (schedule === null) return pass("schedule", "No schedule set; live at any time");
  const startsAt = optionalDate(schedule, "startsAt", "schedule.startsAt");
  const endsAt = optionalDate(schedule, "endsAt", "schedule.endsAt");
  if (startsAt === null && endsAt === null) {
    return pass("schedule", "No schedule dates set; live at any time");
  }
  const t = nowMs(now);
  const when = (ms: number) => `${formatInstant(ms)} (${formatAgo(ms, t)})`;
  if (startsAt !== null && t < startsAt) {
    return fail("schedule", () => `Not started yet: the schedule starts at ${when(startsAt)}`);
  }
  if (endsAt !== null && t >= endsAt) {
    return fail("schedule", () => `The schedule ended at ${when(endsAt)}`);
  }
  return pass("schedule", () => {
    const since = startsAt === null ? "" : ` since ${formatInstant(startsAt)}`;
    const until = endsAt === null ? "; no end date" : ` until ${when(endsAt)}`;
    return `Schedule is live${since}${until}`;
  });
}
