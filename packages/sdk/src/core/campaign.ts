import { assignArm, bucketOf } from "@nudge/rules";
import type { ActiveEntry, ActiveExperiment, Campaign } from "./types.js";

/**
 * The arm of an experiment this user is in: the server's `assignedVariant` when it sent one,
 * else the same fnv1a32 bucketing the server uses (SPEC §6), so both always agree.
 */
export function variantOf(entry: ActiveExperiment, distinctId: string): string | null {
  if (entry.assignedVariant) return entry.assignedVariant;
  const arms = entry.arms ?? Object.keys(entry.variants).map((key) => ({ key, weight: 1 }));
  return assignArm(arms, bucketOf(entry.flagKey, distinctId));
}

/** A delivered entry as one renderable campaign, or null when it has nothing to render. */
export function toCampaign(entry: ActiveEntry, distinctId: string): Campaign | null {
  const base = {
    key: entry.id,
    name: entry.name || "Message",
    priority: entry.priority ?? 50,
    trigger: entry.trigger,
    frequency: entry.frequency ?? {},
    appearance: entry.appearance ?? {},
  };
  if (!("variants" in entry)) {
    return entry.steps?.length ? { ...base, messageId: entry.id, steps: entry.steps } : null;
  }
  const variantKey = variantOf(entry, distinctId);
  const arm = variantKey === null ? undefined : entry.variants[variantKey];
  if (!arm?.steps?.length || variantKey === null) return null;
  const { messageId, steps, appearance = base.appearance, trigger = base.trigger } = arm;
  return { ...base, messageId, variantKey, steps, appearance, trigger };
}
