import { evaluate } from "@nudge/rules";
import Database from "better-sqlite3";
import { compose } from "../packages/server/src/compose.js";
import { loadConfig } from "../packages/server/src/config.js";
import type { ActiveSet } from "../packages/server/src/domain/delivery/active-set.js";
import { randomUser } from "./load.js";
import type { Seeded } from "./tenant.js";

export interface StageTimes {
  users: number;
  /** Mean µs per request of each stage, run one request at a time in-process (no HTTP). */
  meanMicros: Record<string, number>;
  p99Micros: Record<string, number>;
  meanHistoryRows: number;
  meanVisible: number;
}

const now = () => performance.now() * 1000;

/**
 * The /messages/active pipeline stage by stage, through the server's own services over the
 * seeded database: where the time goes without HTTP, and what the full trace would cost.
 */
export async function stageBreakdown(seeded: Seeded, users = 3000): Promise<StageTimes> {
  const services = await compose(loadConfig({ ...process.env, ...seeded.serverEnv }));
  const samples: Record<string, number[]> = {};
  const record = (stage: string, micros: number) => {
    samples[stage] ??= [];
    samples[stage].push(micros);
  };
  const store = services.stores.forProduct(seeded.productId).delivery;
  let rows = 0;
  let visibleCount = 0;
  // SQLite only: the same two reads as raw prepared statements, to separate engine from layers.
  const raw = seeded.dialect === "sqlite" ? rawReads(seeded) : null;
  try {
    for (let i = 0; i < users + 200; i++) {
      const distinctId = randomUser(seeded.users);
      const warm = i >= 200;
      let t = now();
      const key = await services.keys.resolve(seeded.publishableKey);
      const set = await services.delivery.activeSet(key!.productId);
      const t1 = now();
      const profile = await store.profile(distinctId);
      const t2 = now();
      const history = await store.history(distinctId, Date.now());
      const t3 = now();
      const user = {
        profile: profile ?? { distinctId, traits: {}, churnProb: null, milestones: [] },
        rows: history,
      };
      const visible = services.delivery.visibleEntries(set, user, Date.now());
      const t4 = now();
      const body = `{"autoRender":${set.autoRender},"refreshAfterSeconds":300,"milestones":${JSON.stringify(user.profile.milestones)},"messages":[${visible.map((e) => e.json).join(",")}]}`;
      const t5 = now();
      if (!warm || body.length === 0) continue;
      record("key + cached active set", t1 - t);
      record("SQL: profile (users row)", t2 - t1);
      record("SQL: history (grouped interactions)", t3 - t2);
      record("visibleEntries (fold + isVisible × 1000)", t4 - t3);
      record("JSON assembly", t5 - t4);
      record("total", t5 - t);
      rows += history.length;
      visibleCount += visible.length;
      // For comparison: the full evaluate() trace (reason strings for every rule) per entry.
      t = now();
      for (const entry of set.entries) {
        evaluate(
          entry.rule,
          { ...user.profile, history: emptyish, budget: noBudget },
          ctxOf(set),
          Date.now(),
        );
      }
      record("(compare) evaluate() full trace × 1000", now() - t);
      if (raw) {
        t = now();
        raw.read(distinctId);
        record("(compare) same 2 reads, raw prepared statements", now() - t);
      }
    }
  } finally {
    raw?.close();
    await services.close();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    users,
    meanMicros: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(mean(v))])),
    p99Micros: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(p99(v))])),
    meanHistoryRows: round(rows / users),
    meanVisible: round(visibleCount / users),
  };
}

function rawReads(seeded: Seeded) {
  const db = new Database(`${seeded.serverEnv.NUDGE_DATA_DIR}/nudge.db`, { readonly: true });
  const profile = db.prepare("SELECT * FROM users WHERE product_id = ? AND distinct_id = ?");
  const history = db.prepare(
    `SELECT message_id, type, count(*) AS n, max(ts) AS last,
       sum(CASE WHEN ts >= ? THEN 1 ELSE 0 END) AS n_day,
       sum(CASE WHEN ts >= ? THEN 1 ELSE 0 END) AS n_week
     FROM interactions WHERE product_id = ? AND distinct_id = ? GROUP BY message_id, type`,
  );
  return {
    read(distinctId: string) {
      const at = Date.now();
      profile.get(seeded.productId, distinctId);
      history.all(at - 86_400_000, at - 7 * 86_400_000, seeded.productId, distinctId);
    },
    close: () => db.close(),
  };
}

const emptyish = {
  impressions: 0,
  lastImpressionAt: null,
  terminals: 0,
  lastTerminalAt: null,
  lastDismissAt: null,
};
const noBudget = { impressionsLast24h: 0, impressionsLast7d: 0, lastImpressionAt: null };

function ctxOf(set: ActiveSet) {
  return {
    segments: set.segments,
    topNThreshold: (topN: number) => set.thresholds.get(topN) ?? Number.POSITIVE_INFINITY,
    attentionBudget: set.attentionBudget,
    enforcer: "server" as const,
  };
}

export function printStages(dialect: string, s: StageTimes): void {
  console.log(
    `\n${dialect}: /messages/active stage by stage, in-process, one request at a time (${s.users} random users; ${s.meanHistoryRows} history rows and ${s.meanVisible} visible messages on average):`,
  );
  for (const [stage, mean] of Object.entries(s.meanMicros)) {
    console.log(
      `    ${String(mean).padStart(8)} µs mean  ${String(s.p99Micros[stage]).padStart(8)} µs p99  ${stage}`,
    );
  }
}
