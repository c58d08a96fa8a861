import { checkAudience } from "./checks/audience.js";
import {
  type CheckInput,
  DAY_MS,
  HOUR_MS,
  isRecord,
  optionalDate,
  optionalRecord,
  optionalSetting,
  type Rec,
} from "./checks/read.js";
import { type AudienceGate, compileAudience } from "./compile-audience.js";
import { isVisible } from "./evaluate.js";
import type { EvalContext, RuleMessage, UserState } from "./types.js";

export type Visibility = (user: UserState, now: number) => boolean;

const MINUTE_MS = 60_000;

/** What the rules read from the message and the context, read and validated once. */
interface Plan {
  from: number;
  until: number;
  cap: "ever" | "day" | "session" | "none";
  sessionFilters: boolean;
  maxImpressions: number | null;
  minIntervalMs: number | null;
  dismissMs: number | null;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  budgetIntervalMs: number | null;
}

/**
 * isVisible() for one message in one context, with everything the ten rules read from the
 * message and the context parsed once: the server's active set asks the same question of every
 * live campaign on every request, and the interpreter re-reads and re-validates each setting,
 * builds result objects and reason thunks for all ten checks each time.
 *
 * Equal to isVisible(message, user, ctx, now) for every input (property-tested in
 * compile-visibility.test.ts). Only well-formed settings get the fast path; anything the
 * interpreter would reject or explain as invalid data, and any user or instant that is not
 * cleanly typed, is answered by isVisible() itself. Only the audience rule still runs its check
 * per call (after `gate`, which must be a necessary condition of it, as compileAudience's is).
 */
export function compileVisibility(
  message: RuleMessage,
  ctx: EvalContext,
  gate?: AudienceGate,
): Visibility {
  const slow: Visibility = (user, now) => isVisible(message, user, ctx, now);
  const plan = planOf(message, ctx);
  if (plan === null) return slow;
  const audience = gate ?? gateOf(message, ctx);
  if (audience === null) return slow;
  const readsHistory =
    plan.cap === "ever" ||
    plan.cap === "day" ||
    plan.sessionFilters ||
    plan.maxImpressions !== null ||
    plan.minIntervalMs !== null ||
    plan.dismissMs !== null;
  const readsBudget =
    plan.maxPerDay !== null || plan.maxPerWeek !== null || plan.budgetIntervalMs !== null;
  return (user, now) => {
    if (typeof now !== "number" || !Number.isFinite(now) || !isRecord(user)) {
      return slow(user, now);
    }
    const h = user.history as unknown;
    const b = user.budget as unknown;
    if (readsHistory && !cleanHistory(h, plan)) return slow(user, now);
    if (readsBudget && !cleanBudget(b, plan)) return slow(user, now);
    if (now < plan.from || now >= plan.until) return false;
    if (readsHistory && !historyAllows(h as Rec, plan, now)) return false;
    if (readsBudget && !budgetAllows(b as Rec, plan, now)) return false;
    if (!audience(user)) return false;
    return audiencePasses({ message, user, ctx, now });
  };
}

/**
 * The settings of a well-formed active message, or null when the interpreter must decide.
 * Exported for the property test, which checks that the fast path is the one it exercises.
 */
export function planOf(message: unknown, ctx: unknown): Plan | null {
  try {
    if (!isRecord(message) || !isRecord(ctx) || message.status !== "active") return null;
    const schedule = optionalRecord(message.schedule, "schedule");
    const startsAt = schedule && optionalDate(schedule, "startsAt", "schedule.startsAt");
    const endsAt = schedule && optionalDate(schedule, "endsAt", "schedule.endsAt");
    const frequency = optionalRecord(message.frequency, "frequency") ?? {};
    const cap = frequency.cap ?? "ever";
    if (cap !== "ever" && cap !== "day" && cap !== "session" && cap !== "none") return null;
    const enforcer = ctx.enforcer ?? "server";
    if (enforcer !== "server" && enforcer !== "sdk") return null;
    const ignore = message.ignoreBudget ?? false;
    if (typeof ignore !== "boolean") return null;
    const budget = ignore ? null : optionalRecord(ctx.attentionBudget, "context.attentionBudget");
    const limit = (key: string) => (budget ? optionalSetting(budget, key, key) : null);
    const hours = optionalSetting(frequency, "minIntervalHours", "minIntervalHours");
    const days = optionalSetting(frequency, "dismissDays", "dismissDays");
    const minutes = limit("minMinutesBetween");
    return {
      from: startsAt ?? Number.NEGATIVE_INFINITY,
      until: endsAt ?? Number.POSITIVE_INFINITY,
      cap,
      sessionFilters: cap === "session" && enforcer === "sdk",
      maxImpressions: optionalSetting(frequency, "maxImpressions", "maxImpressions"),
      minIntervalMs: hours === null ? null : hours * HOUR_MS,
      dismissMs: days === null ? null : days * DAY_MS,
      maxPerDay: limit("maxPerDay"),
      maxPerWeek: limit("maxPerWeek"),
      budgetIntervalMs: minutes === null ? null : minutes * MINUTE_MS,
    };
  } catch {
    return null; // a setting the interpreter reports as invalid data
  }
}

const isCount = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isTime = (v: unknown) => v == null || (typeof v === "number" && Number.isFinite(v));

/** Every history field the plan reads is as the interpreter's readers require. */
function cleanHistory(h: unknown, plan: Plan): boolean {
  if (!isRecord(h)) return false;
  if (plan.cap === "ever" && !isCount(h.terminals)) return false;
  if (plan.cap === "day" && !isTime(h.lastTerminalAt)) return false;
  if (plan.sessionFilters && h.shownThisSession != null && typeof h.shownThisSession !== "boolean")
    return false;
  if (plan.maxImpressions !== null && !isCount(h.impressions)) return false;
  if (plan.minIntervalMs !== null && !isTime(h.lastImpressionAt)) return false;
  return plan.dismissMs === null || isTime(h.lastDismissAt);
}

function cleanBudget(b: unknown, plan: Plan): boolean {
  if (!isRecord(b)) return false;
  if (plan.maxPerDay !== null && !isCount(b.impressionsLast24h)) return false;
  if (plan.maxPerWeek !== null && !isCount(b.impressionsLast7d)) return false;
  return plan.budgetIntervalMs === null || isTime(b.lastImpressionAt);
}

/** The cap, max_impressions, min_interval and dismiss_days rules over clean history. */
function historyAllows(h: Rec, plan: Plan, now: number): boolean {
  if (plan.cap === "ever" && (h.terminals as number) > 0) return false;
  if (plan.cap === "day" && h.lastTerminalAt != null && now - (h.lastTerminalAt as number) < DAY_MS)
    return false;
  if (plan.sessionFilters && h.shownThisSession === true) return false;
  if (plan.maxImpressions !== null && (h.impressions as number) >= plan.maxImpressions)
    return false;
  if (plan.minIntervalMs !== null && h.lastImpressionAt != null) {
    if (now < (h.lastImpressionAt as number) + plan.minIntervalMs) return false;
  }
  if (plan.dismissMs !== null && h.lastDismissAt != null) {
    if (now < (h.lastDismissAt as number) + plan.dismissMs) return false;
  }
  return true;
}

/** The three attention-budget rules over a clean budget history. */
function budgetAllows(b: Rec, plan: Plan, now: number): boolean {
  if (plan.maxPerDay !== null && (b.impressionsLast24h as number) >= plan.maxPerDay) return false;
  if (plan.maxPerWeek !== null && (b.impressionsLast7d as number) >= plan.maxPerWeek) return false;
  if (plan.budgetIntervalMs !== null && b.lastImpressionAt != null) {
    if (now < (b.lastImpressionAt as number) + plan.budgetIntervalMs) return false;
  }
  return true;
}

/** compileAudience's gate, or null for a context it cannot read (the interpreter decides). */
function gateOf(message: RuleMessage, ctx: EvalContext): AudienceGate | null {
  try {
    return compileAudience(message.audience, ctx);
  } catch {
    return null;
  }
}

function audiencePasses(input: CheckInput): boolean {
  try {
    return checkAudience(input).passed;
  } catch {
    return false; // as runCheck: a rule that cannot read its data fails closed
  }
}
