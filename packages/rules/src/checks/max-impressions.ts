import {
  type CheckInput,
  count,
  fail,
  frequencyOf,
  historyOf,
  optionalSetting,
  pass,
  type RuleResult,
} from "./read.js";

/** Hidden once the user has N impressions of the campaign (all arms summed). */
export function checkMaxImpressions({ message, user }: CheckInput): RuleResult {
  const max = optionalSetting(frequencyOf(message), "maxImpressions", "frequency.maxImpressions");
  if (max === null) return pass("max_impressions", "No maxImpressions set");
  const n = count(historyOf(user), "impressions", "user.history.impressions");
  const shown = n === 0 ? "Never shown" : `Shown ${n} time${n === 1 ? "" : "s"}`;
  return n >= max
    ? fail("max_impressions", `${shown}; maxImpressions is ${max}`)
    : pass("max_impressions", `${shown}; maxImpressions is ${max}`);
}
