import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";
import { preparedNameOf } from "../prepared-names.js";

/**
 * Hands Kysely a pool whose clients send registered hot queries as named statements, so each
 * connection parses and plans them once (pg keeps track of which names a connection prepared).
 * Everything else passes through unchanged.
 */
export function namingHotStatements(pool: pg.Pool): PostgresPool {
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: unknown, values?: readonly unknown[]) => {
      const name = typeof text === "string" ? preparedNameOf(text) : undefined;
      if (name === undefined) return client.query(text as never, values as never);
      return client.query({ name, text: text as string, values: values as unknown[] });
    }) as unknown as PostgresPoolClient["query"],
    release: () => client.release(),
  });
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
