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

/** Stands in for one row's column value while a multi-row statement is built. */
class Cell {
  constructor(
    readonly row: number,
    readonly column: string,
  ) {}
}

/** Row counts one statement shape keeps compiled: a batch holds at most 500 rows (ingest limits). */
const maxRowCounts = 512;

/**
 * A multi-row statement (an ingest insert) built and compiled by Kysely once per row count,
 * then filled with each batch's rows. Building and compiling a 50-row insert per request was
 * 18% of the event loop during ingest: Kysely walks and freezes a node per value, 350 of them
 * per events insert. `build` receives rows of stand-ins, one per column of `columns`; every
 * stand-in must reach the compiled parameters (checked once per row count), so a value the
 * builder adds on its own stays fixed, as in precompile().
 */
export function precompileRows<Row extends Record<string, unknown>>(
  columns: readonly (keyof Row & string)[],
  build: (rows: Row[]) => Compilable<unknown>,
): (rows: Row[]) => CompiledQuery {
  const byCount = new Map<number, { compiled: CompiledQuery; cells: (Cell | null)[] }>();
  function shapeOf(n: number) {
    let shape = byCount.get(n);
    if (shape) return shape;
    const stand = Array.from({ length: n }, (_, row) =>
      Object.fromEntries(columns.map((column) => [column, new Cell(row, column)])),
    ) as Row[];
    const compiled = build(stand).compile();
    const cells = compiled.parameters.map((p) => (p instanceof Cell ? p : null));
    const reached = cells.filter((c) => c !== null).length;
    if (reached !== n * columns.length) {
      throw new Error(
        `precompileRows: ${reached} of ${n * columns.length} values became parameters`,
      );
    }
    shape = { compiled, cells };
    if (byCount.size >= maxRowCounts) byCount.clear();
    byCount.set(n, shape);
    return shape;
  }
  return (rows) => {
    const { compiled, cells } = shapeOf(rows.length);
    const parameters = compiled.parameters.map((fixed, i) => {
      const cell = cells[i];
      return cell ? rows[cell.row]![cell.column] : fixed;
    });
    return { ...compiled, parameters };
  };
}

/**
 * `compile(db)` run once per database handle: stores are created per product and request, while
 * what they precompile depends only on the database (its dialect, and on PostgreSQL its schema).
 */
export function perDatabase<Db, T>(compile: (db: Kysely<Db>) => T): (db: Kysely<Db>) => T {
  const compiled = new WeakMap<Kysely<Db>, T>();
  return (db) => {
    let value = compiled.get(db);
    if (value === undefined) {
      value = compile(db);
      compiled.set(db, value);
    }
    return value;
  };
}
