import { budgetSetting } from "./budget.js";
import { type CheckInput, count, fail, pass, type RuleResult } from "./read.js";

/** Product-wide: at most maxPerDay impressions of non-exempt messages in the last 24 h. */
export function checkBudgetDay(input: CheckInput): RuleResult {
  const s = budgetSetting("budget_day", "maxPerDay", input);
  if (!s.applies) return s.check;
  const n = count(s.budget, "impressionsLast24h", "user.budget.impressionsLast24h");
  const text = `User saw ${n} message${n === 1 ? "" : "s"} in the last 24 hours; the product's maxPerDay is ${s.limit}`;
  return n >= s.limit ? fail("budget_day", text) : pass("budget_day", text);
}
