import { formatAgo, formatInstant } from "../format.js";
import { budgetSetting } from "./budget.js";
import { type CheckInput, eventTime, fail, nowMs, pass, type RuleResult } from "./read.js";

const MINUTE_MS = 60_000;

/** Product-wide: hidden while the user's last non-exempt impression is < M minutes old. */
export function checkBudgetInterval(input: CheckInput): RuleResult {
  const s = budgetSetting("budget_interval", "minMinutesBetween", input);
  if (!s.applies) return s.check;
  const last = eventTime(s.budget, "lastImpressionAt", "user.budget.lastImpressionAt");
  const setting = `the product's minMinutesBetween is ${s.limit}`;
  if (last === null)
    return pass("budget_interval", `User has not seen any message yet; ${setting}`);
  const t = nowMs(input.now);
  const until = last + s.limit * MINUTE_MS;
  const head = () => `User last saw a message ${formatAgo(last, t)}; ${setting}`;
  return t < until
    ? fail("budget_interval", () => `${head()} (hidden until ${formatInstant(until)})`)
    : pass("budget_interval", head);
}
