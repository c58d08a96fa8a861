import type { Filter, FilterOp } from "@nudge/schema";

export type Leaf = Extract<Filter, { trait: string }>;
export type GroupMode = "all" | "any" | "none";

/** A group as the builder shows it; `none` is stored as `{not: {or: [...]}}`. */
export interface GroupView {
  mode: GroupMode;
  children: Filter[];
  /** The key under which children sit in the stored tree, for error paths. */
  childPath: string;
}

export const isLeaf = (f: Filter): f is Leaf => "trait" in f;

export function toGroup(f: Filter): GroupView {
  if ("and" in f) return { mode: "all", children: f.and, childPath: "and" };
  if ("or" in f) return { mode: "any", children: f.or, childPath: "or" };
  if ("not" in f) {
    const inner = f.not;
    if ("or" in inner) return { mode: "none", children: inner.or, childPath: "not.or" };
    return { mode: "none", children: [inner], childPath: "not" };
  }
  return { mode: "all", children: [f], childPath: "and" };
}

export function fromGroup(mode: GroupMode, children: Filter[]): Filter {
  if (mode === "all") return { and: children };
  if (mode === "any") return { or: children };
  return { not: { or: children } };
}

export const opLabels: Record<FilterOp, string> = {
  eq: "equals",
  neq: "does not equal",
  in: "is one of",
  nin: "is not one of",
  contains: "contains",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "is set",
  not_exists: "is not set",
  before: "is before",
  after: "is after",
};

export type ValueKind = "text" | "number" | "boolean";
export type Scalar = string | number | boolean;

export const needsNoValue = (op: FilterOp) => op === "exists" || op === "not_exists";
export const needsList = (op: FilterOp) => op === "in" || op === "nin";
export const needsNumber = (op: FilterOp) => ["gt", "gte", "lt", "lte"].includes(op);
export const needsDate = (op: FilterOp) => op === "before" || op === "after";

export function kindOf(value: unknown): ValueKind {
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === "number") return "number";
  if (typeof sample === "boolean") return "boolean";
  return "text";
}

export function convertScalar(v: unknown, kind: ValueKind): Scalar {
  if (kind === "number") {
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : 0;
  }
  if (kind === "boolean") return v === true || v === "true";
  return v === undefined || v === null ? "" : String(v);
}

/** Keeps what the user typed when the operator changes, reshaped for the new operator. */
export function withOp(leaf: Leaf, op: FilterOp): Leaf {
  const { value } = leaf;
  if (needsNoValue(op)) return { trait: leaf.trait, op };
  const first = Array.isArray(value) ? value[0] : value;
  if (needsList(op)) {
    const list = Array.isArray(value) ? value : first === undefined || first === "" ? [] : [first];
    return { trait: leaf.trait, op, value: list };
  }
  if (needsNumber(op)) return { trait: leaf.trait, op, value: convertScalar(first ?? 0, "number") };
  if (needsDate(op))
    return {
      trait: leaf.trait,
      op,
      value: typeof first === "string" && !Number.isNaN(Date.parse(first)) ? first : "",
    };
  return { trait: leaf.trait, op, value: first ?? "" };
}

export const newLeaf = (): Leaf => ({ trait: "", op: "eq", value: "" });

/** Number of conditions in a tree, for list summaries. */
export function countConditions(f: Filter): number {
  if (isLeaf(f)) return 1;
  return toGroup(f).children.reduce((n, c) => n + countConditions(c), 0);
}
