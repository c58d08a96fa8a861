import { describeValue } from "../format.js";
import { parseInstant } from "../parse-instant.js";
import type { EvalContext, RuleMessage, RuleName, UserState } from "../types.js";

/** What every rule check receives. Typed for callers, but read as untrusted data. */
export interface CheckInput {
  message: RuleMessage;
  user: UserState;
  ctx: EvalContext;
  now: number;
}

/**
 * A reason may be a thunk: the hot path (isVisible) only reads `passed`, so date formatting and
 * string building happen only when a trace is actually shown.
 */
export type Reason = string | (() => string);

export interface RuleResult {
  rule: RuleName;
  passed: boolean;
  reason: Reason;
}

export type RuleCheck = (input: CheckInput) => RuleResult;

/** Thrown by the readers below; evaluate() turns it into a failing "invalid data: …" check. */
export class InvalidDataError extends Error {
  override name = "InvalidDataError";
}

export type Rec = Readonly<Record<string, unknown>>;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const pass = (rule: RuleName, reason: Reason): RuleResult => ({
  rule,
  passed: true,
  reason,
});
export const fail = (rule: RuleName, reason: Reason): RuleResult => ({
  rule,
  passed: false,
  reason,
});

function invalid(name: string, what: string, value: unknown): InvalidDataError {
  return new InvalidDataError(`${name} ${what}, got ${describeValue(value)}`);
}

export function isRecord(value: unknown): value is Rec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A required object. */
export function record(value: unknown, name: string): Rec {
  if (!isRecord(value)) throw invalid(name, "must be an object", value);
  return value;
}

/** An optional object: null and undefined mean "not set". */
export function optionalRecord(value: unknown, name: string): Rec | null {
  return value == null ? null : record(value, name);
}

/** A required count: a finite number ≥ 0. A missing count fails closed rather than reading 0. */
export function count(rec: Rec, key: string, name: string): number {
  const v = rec[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw invalid(name, "must be a number ≥ 0", v);
  }
  return v;
}

/** An optional setting (limit, hours, days): a finite number ≥ 0, or null when not set. */
export function optionalSetting(rec: Rec, key: string, name: string): number | null {
  const v = rec[key];
  if (v == null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw invalid(name, "must be a number ≥ 0", v);
  }
  return v;
}

/** A past event's time in epoch ms; null/undefined mean "never happened". */
export function eventTime(rec: Rec, key: string, name: string): number | null {
  const v = rec[key];
  if (v == null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw invalid(name, "must be epoch milliseconds or null", v);
  }
  return v;
}

/** An optional ISO-8601 (or epoch-ms) date; null/undefined mean "not set". */
export function optionalDate(rec: Rec, key: string, name: string): number | null {
  const v = rec[key];
  if (v == null) return null;
  const ms = parseInstant(v);
  if (ms === null) throw invalid(name, "is not an ISO-8601 date", v);
  return ms;
}

export function nowMs(now: unknown): number {
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw invalid("now", "must be epoch milliseconds", now);
  }
  return now;
}

export function frequencyOf(message: unknown): Rec {
  return optionalRecord(record(message, "message").frequency, "frequency") ?? {};
}

export function historyOf(user: unknown): Rec {
  return record(record(user, "user").history, "user.history");
}
