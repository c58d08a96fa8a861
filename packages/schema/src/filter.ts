import { z } from "zod";

export const filterOps = [
  "eq",
  "neq",
  "in",
  "nin",
  "contains",
  "gt",
  "gte",
  "lt",
  "lte",
  "exists",
  "not_exists",
  "before",
  "after",
] as const;
export type FilterOp = (typeof filterOps)[number];

export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  | { trait: string; op: FilterOp; value?: unknown };

const maxDepth = 8;
// The rules engine reads only ISO-8601 (Date.parse's other formats differ between engines), so
// anything else is refused here rather than silently matching no one later.
const isoInstant = z.union([
  z.iso.date(),
  z.iso.datetime({ offset: true, local: true }),
  z.number().int().min(0).max(8.64e15),
]);
const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);

const leafSchema = z
  .strictObject({
    trait: z.string().min(1).max(200),
    op: z.enum(filterOps),
    value: z.union([scalar, z.array(scalar).max(1000)]).optional(),
  })
  .superRefine((leaf, ctx) => {
    const needsArray = leaf.op === "in" || leaf.op === "nin";
    const needsNothing = leaf.op === "exists" || leaf.op === "not_exists";
    if (needsNothing) return;
    if (leaf.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `op "${leaf.op}" needs a value` });
    } else if (needsArray !== Array.isArray(leaf.value)) {
      const want = needsArray ? "an array" : "a single value";
      ctx.addIssue({ code: "custom", path: ["value"], message: `op "${leaf.op}" needs ${want}` });
    } else if (["gt", "gte", "lt", "lte"].includes(leaf.op) && typeof leaf.value !== "number") {
      ctx.addIssue({ code: "custom", path: ["value"], message: `op "${leaf.op}" needs a number` });
    } else if (
      (leaf.op === "before" || leaf.op === "after") &&
      !isoInstant.safeParse(leaf.value).success
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message:
          "must be an ISO-8601 date or date-time (e.g. 2026-03-07 or 2026-03-07T10:00:00Z) or epoch ms",
      });
    }
  });

export const filterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.strictObject({ and: z.array(filterSchema).max(50) }),
    z.strictObject({ or: z.array(filterSchema).max(50) }),
    z.strictObject({ not: filterSchema }),
    leafSchema,
  ]),
);

/**
 * True when the tree nests deeper than `limit`. Iterative on purpose: a hostile body nested
 * thousands of levels deep must be refused before any recursive code (including zod's) sees it.
 */
function deeperThan(filter: unknown, limit: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: filter, depth: 1 }];
  let visited = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth > limit || ++visited > 10_000) return true;
    const f = node as Record<string, unknown>;
    const children = Array.isArray(f.and)
      ? f.and
      : Array.isArray(f.or)
        ? f.or
        : "not" in f
          ? [f.not]
          : [];
    for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/** A filter tree, at most `maxDepth` levels deep so evaluation cost stays bounded. */
export const boundedFilterSchema = z
  .unknown()
  .check((ctx) => {
    if (deeperThan(ctx.value, maxDepth)) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `filters may nest at most ${maxDepth} levels`,
        continue: false,
      });
    }
  })
  .pipe(filterSchema);
