import { describeValue } from "../format.js";
import type { AttentionBudget, RuleName } from "../types.js";
import {
  type CheckInput,
  InvalidDataError,
  optionalRecord,
  optionalSetting,
  pass,
  type Rec,
  type RuleResult,
  record,
} from "./read.js";

export type BudgetSetting =
  | { applies: false; check: RuleResult }
  | { applies: true; limit: number; budget: Rec };

/**
 * Shared first half of the three budget checks: an ignoreBudget message is exempt (a critical
 * notice), then the product's attention budget must set `key`. Only when it applies is the
 * user's budget history read, so missing history cannot fail an unconfigured rule.
 */
export function budgetSetting(
  rule: RuleName,
  key: keyof AttentionBudget,
  { message, user, ctx }: CheckInput,
): BudgetSetting {
  const ignore = record(message, "message").ignoreBudget ?? false;
  if (typeof ignore !== "boolean") {
    throw new InvalidDataError(`ignoreBudget must be a boolean, got ${describeValue(ignore)}`);
  }
  if (ignore) {
    return {
      applies: false,
      check: pass(rule, "Exempt from the attention budget: the message sets ignoreBudget"),
    };
  }
  const name = "context.attentionBudget";
  const settings = optionalRecord(record(ctx, "context").attentionBudget, name);
  if (settings === null) {
    return { applies: false, check: pass(rule, "The product has no attention budget") };
  }
  const limit = optionalSetting(settings, key, `${name}.${key}`);
  if (limit === null) {
    return { applies: false, check: pass(rule, `Attention budget ${key} not set`) };
  }
  return { applies: true, limit, budget: record(record(user, "user").budget, "user.budget") };
}
