import { checkFilter } from "./filter.js";
import { parseInstant } from "./parse-instant.js";

type Traits = Readonly<Record<string, unknown>>;
export type CompiledFilter = (traits: Traits) => boolean;

const never: CompiledFilter = () => false;

/**
 * matchFilter() turned into closures once, for a filter evaluated against many users (the
 * server's active set holds every audience and segment of a product). matchFilter() walks the
 * raw JSON defensively on every call, building a path string per node for its error messages;
 * that walk was most of the /messages/active CPU time. Same semantics by construction, and by a
 * property test (compile-filter.test.ts): compileFilter(f)(t) === matchFilter(f, t).
 *
 * Whether a filter is malformed never depends on the traits (every error evalNode() can report
 * comes from the filter's own shape), so it is decided once here: a malformed filter matches no
 * one. A well-formed one cannot fail at run time, so its and/or may short-circuit.
 */
export function compileFilter(filter: unknown): CompiledFilter {
  if (!checkFilter(filter, {}).valid) return never;
  const match = compileNode(filter as Record<string, unknown>);
  return (traits) =>
    typeof traits === "object" && traits !== null && !Array.isArray(traits) && match(traits);
}

function compileNode(node: Record<string, unknown>): CompiledFilter {
  if (Object.hasOwn(node, "trait")) return compileLeaf(node);
  if (Object.hasOwn(node, "not")) {
    const inner = compileNode(node.not as Record<string, unknown>);
    return (t) => !inner(t);
  }
  const isAnd = Object.hasOwn(node, "and");
  const children = ((isAnd ? node.and : node.or) as Record<string, unknown>[]).map(compileNode);
  // Loops rather than every()/some(): those allocate a closure over `t` on every call, and
  // these run for every audience of every request.
  return isAnd
    ? (t) => {
        for (const child of children) if (!child(t)) return false;
        return true;
      }
    : (t) => {
        for (const child of children) if (child(t)) return true;
        return false;
      };
}

function compileLeaf(node: Record<string, unknown>): CompiledFilter {
  const trait = node.trait as string;
  const value = node.value;
  // Present = own key with a non-null value, exactly as evalLeaf reads it.
  const read = (t: Traits): unknown => (Object.hasOwn(t, trait) ? t[trait] : undefined);
  switch (node.op) {
    case "exists":
      return (t) => read(t) != null;
    case "not_exists":
      return (t) => read(t) == null;
    case "eq":
      return (t) => read(t) === value;
    case "neq":
      return (t) => read(t) !== value;
    case "in":
    case "nin": {
      const values = value as unknown[];
      const wanted = node.op === "in";
      return (t) => {
        const actual = read(t);
        return (actual != null && values.includes(actual)) === wanted;
      };
    }
    case "contains":
      return (t) => {
        const actual = read(t);
        if (typeof actual === "string") return typeof value === "string" && actual.includes(value);
        return Array.isArray(actual) && actual.includes(value);
      };
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return compareLeaf(node.op, value as number, read);
    default: {
      // before / after: the only other operators a well-formed filter can hold.
      const limit = parseInstant(value) as number;
      const before = node.op === "before";
      return (t) => {
        const actual = read(t);
        const at = actual == null ? null : parseInstant(actual);
        if (at === null) return false;
        return before ? at < limit : at > limit;
      };
    }
  }
}

function compareLeaf(
  op: "gt" | "gte" | "lt" | "lte",
  value: number,
  read: (t: Traits) => unknown,
): CompiledFilter {
  const num = (t: Traits): number | null => {
    const actual = read(t);
    return typeof actual === "number" && Number.isFinite(actual) ? actual : null;
  };
  switch (op) {
    case "gt":
      return (t) => (num(t) ?? Number.NaN) > value;
    case "gte":
      return (t) => (num(t) ?? Number.NaN) >= value;
    case "lt":
      return (t) => (num(t) ?? Number.NaN) < value;
    default:
      return (t) => (num(t) ?? Number.NaN) <= value;
  }
}
