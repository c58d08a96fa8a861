import { describeValue } from "./format.js";
import { parseInstant } from "./parse-instant.js";
import type { Filter } from "./types.js";

/** Nesting deeper than this is treated as malformed: it bounds recursion on hostile input. */
export const MAX_FILTER_DEPTH = 32;

export type FilterResult = { valid: true; matched: boolean } | { valid: false; error: string };

type Traits = Readonly<Record<string, unknown>>;
type Outcome = boolean | { error: string };

const NODE_KEYS = ["and", "or", "not", "trait"] as const;

function isScalar(v: unknown): v is string | number | boolean {
  return (
    typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
  );
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function evalLeaf(node: Record<string, unknown>, traits: Traits, path: string): Outcome {
  const { trait, op, value } = node;
  const bad = (why: string): Outcome => ({ error: `${path}: ${String(op)} ${why}` });
  if (typeof trait !== "string" || trait === "") {
    return { error: `${path}.trait must be a non-empty string` };
  }
  // Flat keys only ("company.plan" is one key); null counts as missing, since JSON has no
  // undefined and identify({plan: null}) means "no plan".
  const present = Object.hasOwn(traits, trait) && traits[trait] != null;
  const actual = present ? traits[trait] : undefined;
  switch (op) {
    case "exists":
      return present;
    case "not_exists":
      return !present;
    case "eq":
    case "neq": {
      if (!isScalar(value)) return bad("needs a string, number or boolean value");
      const equal = present && actual === value; // strict: "1" never equals 1
      return op === "eq" ? equal : !equal;
    }
    case "in":
    case "nin": {
      if (!Array.isArray(value) || !value.every(isScalar)) {
        return bad("needs an array of strings, numbers or booleans");
      }
      const hit = present && (value as unknown[]).includes(actual);
      return op === "in" ? hit : !hit;
    }
    case "contains": {
      if (!isScalar(value)) return bad("needs a string, number or boolean value");
      if (typeof actual === "string") return typeof value === "string" && actual.includes(value);
      return Array.isArray(actual) && actual.includes(value);
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      if (!isFiniteNumber(value)) return bad("needs a finite number value");
      if (!isFiniteNumber(actual)) return false; // no coercion of "42"
      if (op === "gt") return actual > value;
      if (op === "gte") return actual >= value;
      return op === "lt" ? actual < value : actual <= value;
    }
    case "before":
    case "after": {
      const limit = parseInstant(value);
      if (limit === null) return bad("needs an ISO-8601 date or epoch-ms value");
      const at = present ? parseInstant(actual) : null;
      if (at === null) return false;
      return op === "before" ? at < limit : at > limit;
    }
    default:
      return { error: `${path}.op ${describeValue(op)} is not a known operator` };
  }
}

function evalNode(node: unknown, traits: Traits, depth: number, path: string): Outcome {
  if (typeof node !== "object" || node === null || Array.isArray(node)) {
    return { error: `${path} is not a filter object` };
  }
  if (depth > MAX_FILTER_DEPTH) {
    return { error: `${path} nests deeper than ${MAX_FILTER_DEPTH} levels` };
  }
  const rec = node as Record<string, unknown>;
  const kinds = NODE_KEYS.filter((k) => Object.hasOwn(rec, k));
  const kind = kinds[0];
  if (kind === undefined || kinds.length > 1) {
    return { error: `${path} must have exactly one of and, or, not, trait` };
  }
  if (kind === "trait") return evalLeaf(rec, traits, path);
  if (kind === "not") {
    const inner = evalNode(rec.not, traits, depth + 1, `${path}.not`);
    return typeof inner === "boolean" ? !inner : inner;
  }
  const children = rec[kind];
  if (!Array.isArray(children)) return { error: `${path}.${kind} must be an array` };
  // No short-circuit: a malformed branch must fail the whole filter wherever it sits, so the
  // result never depends on branch order.
  let all = true;
  let any = false;
  for (let i = 0; i < children.length; i++) {
    const r = evalNode(children[i], traits, depth + 1, `${path}.${kind}[${i}]`);
    if (typeof r !== "boolean") return r;
    all &&= r;
    any ||= r;
  }
  return kind === "and" ? all : any;
}

/**
 * Like matchFilter, but tells a malformed filter apart from a non-match, with the path of the
 * offending node, for the dashboard's rule trace.
 */
export function checkFilter(filter: unknown, traits: unknown): FilterResult {
  try {
    if (typeof traits !== "object" || traits === null || Array.isArray(traits)) {
      return { valid: false, error: "traits is not an object" };
    }
    const r = evalNode(filter, traits as Traits, 1, "filter");
    return typeof r === "boolean" ? { valid: true, matched: r } : { valid: false, error: r.error };
  } catch (e) {
    return { valid: false, error: e instanceof Error ? e.message : "unexpected error" };
  }
}

/**
 * Whether `traits` satisfy `filter` (SPEC §4). Never throws.
 *
 * Semantics, so every SDK language can implement the same thing:
 * - A trait is missing when the key is absent or its value is null. A missing trait fails every
 *   operator except neq, nin and not_exists, which it passes.
 * - eq/neq: strict equality, no coercion ("1" ≠ 1); neq is exactly `not eq`.
 * - in/nin: `value` is an array of scalars; membership by strict equality; nin is `not in`.
 * - contains: a string trait contains `value` as a case-sensitive substring, or an array trait
 *   has an element strictly equal to `value`; any other trait type fails.
 * - gt/gte/lt/lte: finite numbers on both sides, else the leaf fails (no "42" → 42).
 * - before/after: both sides parse as ISO-8601 (offset-less = UTC) or epoch ms; strict < / >.
 *   An unparseable trait fails the leaf.
 * - and: all children (empty → true); or: any child (empty → false); not: negation.
 * - A malformed filter (unknown op, wrong value type for the op, not an object, several node
 *   kinds in one object, nesting beyond MAX_FILTER_DEPTH) matches no one, even under `not`:
 *   fail closed. Traits that are not an object also match nothing.
 */
export function matchFilter(filter: Filter, traits: Readonly<Record<string, unknown>>): boolean {
  const r = checkFilter(filter, traits);
  return r.valid && r.matched;
}
