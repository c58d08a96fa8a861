import { formatAgo, formatInstant } from "../format.js";
import {
  type CheckInput,
  DAY_MS,
  eventTime,
  fail,
  frequencyOf,
  historyOf,
  nowMs,
  optionalSetting,
  pass,
  type RuleResult,
} from "./read.js";

/** Hidden while the last dismiss is less than D days old (exactly D days later it shows). */
export function checkDismissDays({ message, user, now }: CheckInput): RuleResult {
  const days = optionalSetting(frequencyOf(message), "dismissDays", "frequency.dismissDays");
  if (days === null) return pass("dismiss_days", "No dismissDays set");
  const last = eventTime(historyOf(user), "lastDismissAt", "user.history.lastDismissAt");
  if (last === null) return pass("dismiss_days", `Never dismissed; dismissDays is ${days}`);
  const t = nowMs(now);
  const until = last + days * DAY_MS;
  const head = () => `Dismissed ${formatAgo(last, t)}; dismissDays is ${days}`;
  return t < until
    ? fail("dismiss_days", () => `${head()} (hidden until ${formatInstant(until)})`)
    : pass("dismiss_days", head);
}
