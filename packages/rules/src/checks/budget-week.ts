import { budgetSetting } from "./budget.js";
import { type CheckInput, count, fail, pass, type RuleResult } from "./read.js";

/** Product-wide: at most maxPerWeek impressions of non-exempt messages in the last 7 days. */
export function checkBudgetWeek(input: CheckInput): RuleResult {
  const s = budgetSetting("budget_week", "maxPerWeek", input);
  if (!s.applies) return s.check;
  const n = count(s.budget, "impressionsLast7d", "user.budget.impressionsLast7d");
  const text = `User saw ${n} message${n === 1 ? "" : "s"} in the last 7 days; the product's maxPerWeek is ${s.limit}`;
  return n >= s.limit ? fail("budget_week", text) : pass("budget_week", text);
}
