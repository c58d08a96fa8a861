import Database from "better-sqlite3";
import pg from "pg";

/** What the database holds for one run's uuids, read straight from the tables. */
export interface StoredRun {
  /** uuid → rows with it, for events and for interactions. */
  events: Map<string, number>;
  interactions: Map<string, number>;
}

const eventsSql = (table: "events" | "interactions", placeholder: [string, string]) =>
  `SELECT uuid, count(*) AS n FROM ${table} WHERE product_id = ${placeholder[0]} AND uuid LIKE ${placeholder[1]} GROUP BY uuid`;

const toMap = (rows: { uuid: string; n: number | string }[]) =>
  new Map(rows.map((r) => [r.uuid, Number(r.n)]));

/** Reads a SQLite file read-only, after the server is gone. */
export function storedInSqlite(filename: string, productId: string, runId: string): StoredRun {
  const db = new Database(filename, { readonly: true });
  try {
    const read = (table: "events" | "interactions") =>
      toMap(
        db.prepare(eventsSql(table, ["?", "?"])).all(productId, `${runId}-%`) as {
          uuid: string;
          n: number;
        }[],
      );
    return { events: read("events"), interactions: read("interactions") };
  } finally {
    db.close();
  }
}

export async function storedInPostgres(
  url: string,
  productId: string,
  runId: string,
): Promise<StoredRun> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const read = async (table: "events" | "interactions") =>
      toMap(
        (
          await client.query<{ uuid: string; n: string }>(eventsSql(table, ["$1", "$2"]), [
            productId,
            `${runId}-%`,
          ])
        ).rows,
      );
    return { events: await read("events"), interactions: await read("interactions") };
  } finally {
    await client.end();
  }
}

export interface Verdict {
  ackedMissing: number;
  storedTwice: number;
  storedNeverSent: number;
  interactionsAckedMissing: number;
  interactionsStoredTwice: number;
  rows: number;
  interactionRows: number;
}

/** Every acknowledged uuid is stored, none twice, and nothing was stored that was not sent. */
export function verdictOf(
  stored: StoredRun,
  expected: { acked: Set<string>; ackedInteractions: Set<string>; sent: Set<string> },
): Verdict {
  const missing = (want: Set<string>, have: Map<string, number>) =>
    [...want].filter((u) => !have.has(u)).length;
  const twice = (have: Map<string, number>) => [...have.values()].filter((n) => n > 1).length;
  return {
    ackedMissing: missing(expected.acked, stored.events),
    storedTwice: twice(stored.events),
    storedNeverSent: [...stored.events.keys()].filter((u) => !expected.sent.has(u)).length,
    interactionsAckedMissing: missing(expected.ackedInteractions, stored.interactions),
    interactionsStoredTwice: twice(stored.interactions),
    rows: [...stored.events.values()].reduce((a, b) => a + b, 0),
    interactionRows: [...stored.interactions.values()].reduce((a, b) => a + b, 0),
  };
}
