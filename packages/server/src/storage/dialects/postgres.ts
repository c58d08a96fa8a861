import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { GroupCommit } from "../group-commit.js";
import { inProcessWriter } from "../statement-writer.js";
import type { StorageHandle } from "../storage-handle.js";
import type { Database } from "../tables.js";
import { namingHotStatements } from "./named-statements.js";

// int8 columns hold epoch milliseconds, which fit a double exactly; parse them as numbers so
// both dialects hand the stores the same JavaScript types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresOptions {
  connectionString: string;
  /** A schema to create and use instead of `public`: tests give each file its own. */
  schema?: string;
  poolSize: number;
}

export async function openPostgres(options: PostgresOptions): Promise<StorageHandle> {
  if (options.schema) await createSchema(options.connectionString, options.schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on("error", () => {});
  // Nor may a lent one: pg-pool drops its listener while a client is checked out, so a
  // connection lost between two statements of a transaction emitted an unhandled "error" and
  // killed the server (scripts/reliability/crash.ts). The next query on it now rejects instead
  // (answered 503 by http/problem.ts) and pg-pool discards the broken client on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: namingHotStatements(pool) }),
  });
  const writer = inProcessWriter(new GroupCommit(db));
  return {
    db,
    capabilities: { rowLocks: true, listenNotify: true, networked: true, jsonArrays: "jsonb" },
    writer,
    ...(options.schema ? { schema: options.schema } : {}),
    async ping() {
      await sql`select 1`.execute(db);
    },
    readDurability: () => readPostgresDurability(db),
    async close() {
      await writer.close();
      await db.destroy();
    },
  };
}

/**
 * The server settings an acknowledged commit's survival depends on, as this session sees them
 * (role and database overrides included, which is why we ask rather than read the config file).
 */
export async function readPostgresDurability(
  db: Kysely<Database>,
): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  for (const name of ["fsync", "synchronous_commit", "full_page_writes"] as const) {
    const { rows } = await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(db);
    settings[name] = String(rows[0]?.[name] ?? "unknown");
  }
  return settings;
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } finally {
    await client.end();
  }
}

/** Drops a schema made by `openPostgres({schema})`; used by tests to clean up after themselves. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
