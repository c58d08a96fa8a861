import { createHash } from "node:crypto";

/** SQL text → server-side prepared statement name, for the queries that run on every request. */
const names = new Map<string, string>();

/**
 * Marks a query text as hot: PostgreSQL then parses and plans it once per connection instead of
 * on every execution (Kysely sends unnamed statements). Only precompiled queries register, so
 * the set stays small. Behind PgBouncer in transaction mode this needs PgBouncer ≥ 1.21 with
 * `max_prepared_statements` set; README "PostgreSQL" says so.
 */
export function registerPreparedName(label: string, text: string): void {
  if (names.has(text)) return;
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 12);
  names.set(text, `nudge_${label}_${digest}`);
}

export function preparedNameOf(text: string): string | undefined {
  return names.get(text);
}
