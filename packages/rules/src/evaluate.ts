import { checkAudience } from "./checks/audience.js";
import { checkBudgetDay } from "./checks/budget-day.js";
import { checkBudgetInterval } from "./checks/budget-interval.js";
import { checkBudgetWeek } from "./checks/budget-week.js";
import { checkCap } from "./checks/cap.js";
import { checkDismissDays } from "./checks/dismiss-days.js";
import { checkMaxImpressions } from "./checks/max-impressions.js";
import { checkMinInterval } from "./checks/min-interval.js";
import type { CheckInput, RuleCheck, RuleResult } from "./checks/read.js";
import { checkSchedule } from "./checks/schedule.js";
import { checkStatus } from "./checks/status.js";
import { describeError } from "./format.js";
import type { Check, EvalContext, Evaluation, RuleMessage, RuleName, UserState } from "./types.js";

// The trace always has these rules in this order, configured or not, so the dashboard can show
// the full picture and clients can index it.
const RULES: readonly (readonly [RuleName, RuleCheck])[] = [
  ["status", checkStatus],
  ["schedule", checkSchedule],
  ["audience", checkAudience],
  ["cap", checkCap],
  ["max_impressions", checkMaxImpressions],
  ["min_interval", checkMinInterval],
  ["dismiss_days", checkDismissDays],
  ["budget_day", checkBudgetDay],
  ["budget_week", checkBudgetWeek],
  ["budget_interval", checkBudgetInterval],
];

/** Every rule evaluate() reports, in trace order. */
export const RULE_ORDER: readonly RuleName[] = Object.freeze(RULES.map(([rule]) => rule));

function runCheck(rule: RuleName, run: RuleCheck, input: CheckInput): RuleResult {
  try {
    const check = run(input);
    return { rule, passed: check.passed, reason: check.reason };
  } catch (error) {
    // Bad data never throws out of evaluate and never shows a message: fail this rule closed.
    return { rule, passed: false, reason: `invalid data: ${describeError(error)}` };
  }
}

function toCheck(result: RuleResult): Check {
  const { rule, passed, reason } = result;
  if (typeof reason === "string") return { rule, passed, reason };
  try {
    return { rule, passed, reason: reason() };
  } catch (error) {
    return { rule, passed: false, reason: `invalid data: ${describeError(error)}` };
  }
}

/**
 * Whether `message` may be shown to `user` at `now` (epoch ms), with the full rule trace
 * (SPEC §3). Never throws, whatever the input: a rule that cannot read its data fails with an
 * "invalid data: …" reason. `visible` is derived from the checks, never computed separately.
 */
export function evaluate(
  message: RuleMessage,
  user: UserState,
  ctx: EvalContext,
  now: number,
): Evaluation {
  const input: CheckInput = { message, user, ctx, now };
  const checks = RULES.map(([rule, run]) => toCheck(runCheck(rule, run, input)));
  return { visible: checks.every((check) => check.passed), checks };
}

/**
 * The hot-path form of evaluate(): the same checks in the same order, stopping at the first
 * that fails. It can never disagree with evaluate().visible, because both run `RULES` through
 * `runCheck`; it only skips the trace nobody will read.
 */
export function isVisible(
  message: RuleMessage,
  user: UserState,
  ctx: EvalContext,
  now: number,
): boolean {
  const input: CheckInput = { message, user, ctx, now };
  for (const [rule, run] of RULES) {
    if (!runCheck(rule, run, input).passed) return false;
  }
  return true;
}
