import { formatAgo, formatInstant } from "../format.js";
import type { Check } from "../types.js";
import {
  type CheckInput,
  fail,
  nowMs,
  optionalDate,
  optionalRecord,
  pass,
  record,
} from "./read.js";

/**
 * Live while startsAt <= now < endsAt; a missing bound is open. An unparseable bound fails
 * closed (via InvalidDataError) rather than being read as "no bound".
 */
export function checkSchedule({ message, now }: CheckInput): Check {
  const schedule = optionalRecord(record(message, "message").schedule, "schedule");
  if (schedule === null) return pass("schedule", "No schedule set; live at any time");
  const startsAt = optionalDate(schedule, "startsAt", "schedule.startsAt");
  const endsAt = optionalDate(schedule, "endsAt", "schedule.endsAt");
  if (startsAt === null && endsAt === null) {
    return pass("schedule", "No schedule dates set; live at any time");
  }
  const t = nowMs(now);
  if (startsAt !== null && t < startsAt) {
    const when = `${formatInstant(startsAt)} (${formatAgo(startsAt, t)})`;
    return fail("schedule", `Not started yet: the schedule starts at ${when}`);
  }
  if (endsAt !== null && t >= endsAt) {
    const when = `${formatInstant(endsAt)} (${formatAgo(endsAt, t)})`;
    return fail("schedule", `The schedule ended at ${when}`);
  }
  const since = startsAt === null ? "" : ` since ${formatInstant(startsAt)}`;
  const until =
    endsAt === null ? "; no end date" : ` until ${formatInstant(endsAt)} (${formatAgo(endsAt, t)})`;
  return pass("schedule", `Schedule is live${since}${until}`);
}
