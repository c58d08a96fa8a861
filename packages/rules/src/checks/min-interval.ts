import { formatAgo, formatInstant } from "../format.js";
import {
  type CheckInput,
  eventTime,
  fail,
  frequencyOf,
  HOUR_MS,
  historyOf,
  nowMs,
  optionalSetting,
  pass,
  type RuleResult,
} from "./read.js";

/** Hidden while the last impression is less than H hours old (exactly H h later it shows). */
export function checkMinInterval({ message, user, now }: CheckInput): RuleResult {
  const hours = optionalSetting(
    frequencyOf(message),
    "minIntervalHours",
    "frequency.minIntervalHours",
  );
  if (hours === null) return pass("min_interval", "No minIntervalHours set");
  const last = eventTime(historyOf(user), "lastImpressionAt", "user.history.lastImpressionAt");
  if (last === null) return pass("min_interval", `Never shown; minIntervalHours is ${hours}`);
  const t = nowMs(now);
  const until = last + hours * HOUR_MS;
  const head = () => `Last shown ${formatAgo(last, t)}; minIntervalHours is ${hours}`;
  return t < until
    ? fail("min_interval", () => `${head()} (hidden until ${formatInstant(until)})`)
    : pass("min_interval", head);
}
