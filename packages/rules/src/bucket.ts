import { fnv1a32 } from "./fnv1a32.js";
import type { Arm } from "./types.js";

/**
 * Deterministic bucket in [0, 1) with 4 decimal places of resolution (SPEC §6):
 * `(fnv1a32(flagKey + ":" + distinctId) % 10000) / 10000`. Server and SDK both call this, so a
 * user lands in the same arm whoever decides.
 */
export function bucketOf(flagKey: string, distinctId: string): number {
  return (fnv1a32(`${flagKey}:${distinctId}`) % 10000) / 10000;
}

/**
 * The arm whose range holds `bucket`. Arms take consecutive ranges of [0, 1) in declared order,
 * each as wide as weight / sum(weights), so weights are relative (50/50 ≡ 0.5/0.5).
 *
 * Returns null when there is no arm with a positive weight or `bucket` is not a number. Arms with
 * a weight that is 0, negative, not finite, or a key that is not a string get an empty range: a
 * 0-weight arm never gets users and a sole positive arm ("apply winner" = 100) gets everyone.
 * A bucket outside [0, 1) is clamped into it.
 */
export function assignArm(arms: readonly Arm[], bucket: number): string | null {
  if (!Array.isArray(arms) || typeof bucket !== "number" || Number.isNaN(bucket)) return null;
  const usable: { key: string; weight: number }[] = [];
  let total = 0;
  for (const arm of arms as readonly unknown[]) {
    if (typeof arm !== "object" || arm === null) continue;
    const { key, weight } = arm as { key?: unknown; weight?: unknown };
    if (typeof key !== "string" || typeof weight !== "number") continue;
    if (!Number.isFinite(weight) || weight <= 0) continue;
    usable.push({ key, weight });
    total += weight;
  }
  const last = usable[usable.length - 1];
  if (last === undefined || !Number.isFinite(total)) return null;
  const b = Math.min(Math.max(bucket, 0), 1);
  // Compare in weight units (b * total < running sum) rather than summing fractions, so 50/50
  // splits exactly at 0.5 and rounding never leaves a gap; the last arm takes whatever is left.
  const target = b * total;
  let end = 0;
  for (const arm of usable) {
    end += arm.weight;
    if (target < end) return arm.key;
  }
  return last.key;
}
