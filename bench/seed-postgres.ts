import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  betaShare,
  cumulative,
  DAY,
  historyDays,
  interactionTypes,
  liveShare,
  maxSeats,
  productSettings,
  type Scale,
  scoredShare,
  scoreExponent,
  signupDays,
  traitLists,
  type Weighted,
} from "./data-shape.js";
import { definitionOf, messageDefs, segmentDefs } from "./message-catalog.js";
import { phase, provisionBenchTenant, type Seeded } from "./tenant.js";

export const defaultDatabaseUrl = "postgres://postgres@127.0.0.1:5432/test";

/** The server's config takes one URL: the schema rides along as a libpq `options` parameter. */
export function urlWithSchema(base: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${base}${base.includes("?") ? "&" : "?"}options=${options}`;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** `CASE WHEN r < 0.55 THEN 'free' …` from the same weighted list the JS generator uses. */
function sqlPick(list: Weighted<string>, r: string): string {
  const steps = cumulative(list);
  const whens = steps.slice(0, -1).map(([v, upTo]) => `WHEN ${r} < ${upTo} THEN ${literal(v)}`);
  return `CASE ${whens.join(" ")} ELSE ${literal(steps.at(-1)![0])} END`;
}

// Random columns are drawn once per row in a subquery; OFFSET 0 keeps the planner from inlining
// them (which would draw a fresh random() at every reference).
const usersSql = `
INSERT INTO users (product_id, distinct_id, traits, milestones, churn_prob, created_at, updated_at)
SELECT $1, 'u' || lpad(g::text, 7, '0'),
  json_build_object(
    'plan', ${sqlPick(traitLists.plan, "r1")},
    'country', ${sqlPick(traitLists.country, "r2")},
    'role', ${sqlPick(traitLists.role, "r3")},
    'language', ${sqlPick(traitLists.language, "r4")},
    'seats', floor(exp(r5 * ln(${maxSeats})))::int,
    'signupDate', to_char(to_timestamp(($2::bigint - floor(r6 * ${signupDays * DAY})) / 1000.0)
      AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'beta', r7 < ${betaShare})::text,
  CASE WHEN r8 < 0.1 THEN '["onboarded","first_project"]' WHEN r8 < 0.4 THEN '["onboarded"]' ELSE '[]' END,
  CASE WHEN r9 < ${scoredShare} THEN round(power(r10, ${scoreExponent})::numeric, 4)::float8 END,
  created, created
FROM (
  SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
    random() r7, random() r8, random() r9, random() r10,
    ($2::bigint - floor(random() * ${365 * DAY}))::bigint AS created
  FROM generate_series($3::int, $4::int) g OFFSET 0
) s`;

const interactionsSql = `
INSERT INTO interactions (product_id, uuid, message_id, distinct_id, type, step, ts, received_at)
SELECT $1, 'seed' || lpad(g::text, 9, '0'),
  CASE WHEN r1 < ${liveShare} THEN ($3::text[])[1 + floor(r2 * cardinality($3::text[]))::int]
       ELSE ($4::text[])[1 + floor(r2 * cardinality($4::text[]))::int] END,
  'u' || lpad(floor(r3 * $5::int)::int::text, 7, '0'),
  ${sqlPick(interactionTypes, "r4")}, 0, ts, ts
FROM (
  SELECT g, random() r1, random() r2, random() r3, random() r4,
    ($2::bigint - floor(random() * ${historyDays * DAY}))::bigint AS ts
  FROM generate_series($6::int, $7::int) g OFFSET 0
) s`;

/** A fresh schema `bench_<random>`, migrated by the server, then filled server-side. */
export async function seedPostgres(scale: Scale, baseUrl: string): Promise<Seeded> {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const timings: Record<string, number> = {};
  const tenant = await phase(timings, "migrate + tenant", () =>
    provisionBenchTenant({ kind: "postgres", connectionString: baseUrl, poolSize: 2, schema }),
  );
  const productId = tenant.productId;
  const now = Date.now();
  const segments = segmentDefs(scale.segments, now);
  const messages = messageDefs(scale, segments, now);
  const messageIds = messages.map((m) => m.id);
  const liveIds = messages.filter((m) => m.live).map((m) => m.id);

  const connect = async () => {
    const client = new pg.Client({ connectionString: urlWithSchema(baseUrl, schema) });
    await client.connect();
    return client;
  };
  const db = await connect();
  try {
    await db.query("SET synchronous_commit = off");
    await db.query("SET maintenance_work_mem = '512MB'");

    await phase(timings, "messages + segments", async () => {
      await db.query("BEGIN");
      await db.query(
        "UPDATE products SET settings = (settings::jsonb || $2::jsonb)::text WHERE id = $1",
        [productId, JSON.stringify(productSettings)],
      );
      for (const s of segments) {
        await db.query(
          "INSERT INTO segments (product_id, id, name, description, filter, version, created_at, updated_at) VALUES ($1, $2, $3, '', $4, 1, $5, $5)",
          [productId, s.id, s.name, JSON.stringify(s.filter), now],
        );
      }
      for (const m of messages) {
        const { name, status, priority } = m.fields;
        await db.query(
          "INSERT INTO messages (product_id, id, name, status, priority, definition, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
          [productId, m.id, name, status, priority, definitionOf(m.fields), now],
        );
      }
      await db.query("COMMIT");
    });

    // Secondary indexes (not the primary keys) are rebuilt once after the load.
    const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE schemaname = $1 AND tablename IN ('users', 'interactions')
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = $1::regnamespace)`,
      [schema],
    );
    for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);

    const chunk = 1_000_000;
    await phase(timings, `users (${scale.users})`, async () => {
      for (let from = 0; from < scale.users; from += chunk) {
        const to = Math.min(scale.users, from + chunk) - 1;
        await db.query(usersSql, [productId, now, from, to]);
      }
    });
    await phase(timings, `interactions (${scale.interactions})`, async () => {
      for (let from = 0; from < scale.interactions; from += chunk) {
        const to = Math.min(scale.interactions, from + chunk) - 1;
        await db.query(interactionsSql, [
          productId,
          now,
          liveIds,
          messageIds,
          scale.users,
          from,
          to,
        ]);
      }
    });
    await phase(timings, "indexes", async () => {
      for (const index of indexes) await db.query(index.indexdef);
    });
    // VACUUM as autovacuum would in production: sets the visibility map, so the covering
    // history index answers index-only, and no autovacuum kicks in mid-measurement.
    await phase(timings, "vacuum analyze", () => db.query("VACUUM (ANALYZE) users, interactions"));
    await db.query("ANALYZE");
  } finally {
    await db.end();
  }

  return {
    dialect: "postgres",
    productId,
    publishableKey: tenant.publishableKey,
    messageIds,
    users: scale.users,
    serverEnv: { DATABASE_URL: urlWithSchema(baseUrl, schema) },
    timings,
    async countEvents(uuidPrefix = "") {
      const client = await connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM events WHERE product_id = $1 AND starts_with(uuid, $2)",
          [productId, uuidPrefix],
        );
        return Number(rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
