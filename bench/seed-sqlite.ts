import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import {
  churnScore,
  DAY,
  distinctIdOf,
  historyDays,
  interactionTypes,
  liveShare,
  milestonesOf,
  pick,
  productSettings,
  rng,
  type Scale,
  seedUuid,
  userTraits,
} from "./data-shape.js";
import { definitionOf, messageDefs, segmentDefs } from "./message-catalog.js";
import { phase, provisionBenchTenant, type Seeded } from "./tenant.js";

type Row = (string | number | null)[];

/** Multi-row INSERTs (fewer JS→native calls), committed every `commitEvery` rows. */
function bulkInsert(
  db: Database.Database,
  table: string,
  columns: string[],
  total: number,
  rowAt: (k: number) => Row,
  perStatement = 100,
  commitEvery = 500_000,
): void {
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const sqlFor = (n: number) =>
    `INSERT INTO ${table} (${columns.join(",")}) VALUES ${Array(n).fill(tuple).join(",")}`;
  const full = db.prepare(sqlFor(perStatement));
  const chunk = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k += perStatement) {
      const n = Math.min(perStatement, to - k);
      const params: (string | number | null)[] = [];
      for (let i = 0; i < n; i++) params.push(...rowAt(k + i));
      (n === perStatement ? full : db.prepare(sqlFor(n))).run(params);
    }
  });
  for (let from = 0; from < total; from += commitEvery) {
    chunk(from, Math.min(total, from + commitEvery));
  }
}

/** A fresh SQLite file under a temp dir, migrated by the server, then bulk-loaded. */
export async function seedSqlite(scale: Scale): Promise<Seeded> {
  const dataDir = mkdtempSync(join(tmpdir(), "nudge-bench-sqlite-"));
  const filename = join(dataDir, "nudge.db");
  const timings: Record<string, number> = {};
  const tenant = await phase(timings, "migrate + tenant", () =>
    provisionBenchTenant({ kind: "sqlite", filename, synchronous: "full" }),
  );
  const productId = tenant.productId;
  const now = Date.now();
  const segments = segmentDefs(scale.segments, now);
  const messages = messageDefs(scale, segments, now);
  const messageIds = messages.map((m) => m.id);
  const liveIds = messages.filter((m) => m.live).map((m) => m.id);

  const db = new Database(filename);
  // Test data: a crash mid-load just means seeding again.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.pragma("threads = 2"); // multi-threaded sorter for the index builds

  await phase(timings, "messages + segments", () => {
    db.transaction(() => {
      const current = db.prepare("SELECT settings FROM products WHERE id = ?").get(productId) as {
        settings: string;
      };
      const settings = { ...JSON.parse(current.settings), ...productSettings };
      db.prepare("UPDATE products SET settings = ? WHERE id = ?").run(
        JSON.stringify(settings),
        productId,
      );
      const insertSegment = db.prepare(
        "INSERT INTO segments (product_id, id, name, description, filter, version, created_at, updated_at) VALUES (?, ?, ?, '', ?, 1, ?, ?)",
      );
      for (const s of segments) {
        insertSegment.run(productId, s.id, s.name, JSON.stringify(s.filter), now, now);
      }
      const insertMessage = db.prepare(
        "INSERT INTO messages (product_id, id, name, status, priority, definition, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
      );
      for (const m of messages) {
        const { name, status, priority } = m.fields;
        insertMessage.run(
          productId,
          m.id,
          name,
          status,
          priority,
          definitionOf(m.fields),
          now,
          now,
        );
      }
    })();
  });

  // Secondary indexes are built once after the load (a sort), not row by row.
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('users', 'interactions')",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const rand = rng(1);
  await phase(timings, `users (${scale.users})`, () =>
    bulkInsert(
      db,
      "users",
      [
        "product_id",
        "distinct_id",
        "traits",
        "milestones",
        "churn_prob",
        "created_at",
        "updated_at",
      ],
      scale.users,
      (k) => {
        const created = now - Math.floor(rand() * 365 * DAY);
        const traits = JSON.stringify(userTraits(rand, now));
        return [
          productId,
          distinctIdOf(k),
          traits,
          milestonesOf(rand()),
          churnScore(rand),
          created,
          created,
        ];
      },
    ),
  );

  await phase(timings, `interactions (${scale.interactions})`, () =>
    bulkInsert(
      db,
      "interactions",
      ["product_id", "uuid", "message_id", "distinct_id", "type", "step", "ts", "received_at"],
      scale.interactions,
      (k) => {
        const user = distinctIdOf(Math.floor(rand() * scale.users));
        const ids = rand() < liveShare ? liveIds : messageIds;
        const message = ids[Math.floor(rand() * ids.length)]!;
        const ts = now - Math.floor(rand() * historyDays * DAY);
        return [productId, seedUuid(k), message, user, pick(interactionTypes, rand()), 0, ts, ts];
      },
    ),
  );

  await phase(timings, "indexes", () => {
    for (const index of indexes) db.exec(index.sql);
  });
  await phase(timings, "analyze", () => db.exec("ANALYZE"));
  db.pragma("journal_mode = WAL");
  db.close();

  return {
    dialect: "sqlite",
    productId,
    publishableKey: tenant.publishableKey,
    messageIds,
    users: scale.users,
    // An empty DATABASE_URL overrides one in the environment: this server must use SQLite.
    serverEnv: { NUDGE_DATA_DIR: dataDir, DATABASE_URL: "" },
    timings,
    async countEvents(uuidPrefix = "") {
      const reader = new Database(filename, { readonly: true });
      try {
        const row = reader
          .prepare(
            "SELECT count(*) AS n FROM events WHERE product_id = ? AND uuid >= ? AND uuid < ?",
          )
          .get(productId, uuidPrefix, `${uuidPrefix}\uffff`) as { n: number };
        return row.n;
      } finally {
        reader.close();
      }
    },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
