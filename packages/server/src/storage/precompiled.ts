import type { Compilable, CompiledQuery, Kysely, RawBuilder } from "kysely";
import { registerPreparedName } from "./prepared-names.js";

/** Stands in for a parameter while the query is built; swapped for the real value per call. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled by Kysely once, then run with new values: the hot reads of
 * `/messages/active` run on every request, and rebuilding and recompiling the same query tree
 * each time cost as much CPU as SQLite's own work. `build` receives `slot(name)`, which stands
 * for the value of `params[name]` wherever a value may go (where clauses, `sql` templates).
 * `label` names its prepared statement on PostgreSQL (see prepared-names.ts).
 */
export function precompile<Db, Params extends Record<string, unknown>, Row>(
  label: string,
  db: Kysely<Db>,
  build: (
    slot: <K extends keyof Params & string>(name: K) => Params[K],
  ) => Compilable<Row> | RawBuilder<Row>,
): (params: Params) => Promise<Row[]> {
  const built = build((name) => new Slot(name) as never);
  // A raw `sql` query compiles against the database; a query builder already knows it.
  const compiled = "isRawBuilder" in built ? built.compile(db) : built.compile();
  registerPreparedName(label, compiled.sql);
  const positions = compiled.parameters.map((p) => (p instanceof Slot ? p.name : null));
  return async (params) => {
    const parameters = compiled.parameters.map((fixed, i) => {
      const name = positions[i];
      return name === null || name === undefined ? fixed : params[name];
    });
    const query: CompiledQuery<Row> = { ...compiled, parameters };
    return (await db.executeQuery(query)).rows;
  };
}
