/**
 * What the benchmark seeds, shared by both dialects: SQLite generates rows from these functions
 * in JS, PostgreSQL turns the same weighted lists into SQL (see seed-postgres.ts), so both hold
 * the same distributions. Audiences are narrow on purpose: a random user should be eligible for
 * a realistic handful of the 1,000 active messages, not hundreds.
 */

export const DAY = 24 * 3600 * 1000;
/** Interactions are spread over this many past days. */
export const historyDays = 60;

export interface Scale {
  factor: number;
  messages: number;
  segments: number;
  users: number;
  interactions: number;
}

/** BENCH_SCALE=0.1 seeds 100k users and 1M interactions (messages and segments never scale). */
export function scaleFromEnv(env = process.env): Scale {
  const factor = Number(env.BENCH_SCALE ?? 1);
  if (!(factor > 0 && factor <= 10)) throw new Error("BENCH_SCALE must be in (0, 10]");
  return {
    factor,
    messages: 1000,
    segments: 20,
    users: Math.round(1_000_000 * factor),
    interactions: Math.round(10_000_000 * factor),
  };
}

/** mulberry32: a tiny seeded PRNG, so every run seeds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Weighted<T> = readonly (readonly [T, number])[];

/** Cumulative thresholds of a weighted list, normalised to end at 1. */
export function cumulative<T>(list: Weighted<T>): [T, number][] {
  const total = list.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  return list.map(([value, w]) => {
    acc += w / total;
    return [value, acc];
  });
}

export function pick<T>(list: Weighted<T>, r: number): T {
  for (const [value, upTo] of cumulative(list)) if (r < upTo) return value;
  return list[list.length - 1]![0];
}

export const any = <T>(values: readonly T[], r: number): T =>
  values[Math.floor(r * values.length)]!;

export const traitLists = {
  plan: [
    ["free", 0.55],
    ["starter", 0.25],
    ["pro", 0.15],
    ["enterprise", 0.05],
  ],
  country: [
    ["US", 0.28],
    ["GB", 0.1],
    ["DE", 0.1],
    ["FR", 0.08],
    ["IN", 0.08],
    ["BR", 0.06],
    ["CA", 0.05],
    ["JP", 0.04],
    ["ES", 0.04],
    ["IT", 0.03],
    ["NL", 0.03],
    ["AU", 0.03],
    ["SE", 0.02],
    ["PL", 0.02],
    ["MX", 0.02],
    ["KR", 0.02],
    ["CH", 0.01],
    ["NO", 0.01],
    ["DK", 0.01],
    ["FI", 0.01],
  ],
  role: [
    ["member", 0.7],
    ["viewer", 0.2],
    ["admin", 0.1],
  ],
  language: [
    ["en", 0.6],
    ["de", 0.1],
    ["fr", 0.1],
    ["es", 0.1],
    ["pt", 0.1],
  ],
} as const satisfies Record<string, Weighted<string>>;

/** Users signed up within this many days; seats are log-uniform in [1, maxSeats). */
export const signupDays = 3 * 365;
export const maxSeats = 500;
export const betaShare = 0.1;
/** Half the users carry a churn score, skewed low: score = r^4. */
export const scoredShare = 0.5;
export const scoreExponent = 4;

export const distinctIdOf = (i: number) => `u${String(i).padStart(7, "0")}`;

export function userTraits(rand: () => number, now: number): Record<string, unknown> {
  return {
    plan: pick(traitLists.plan, rand()),
    country: pick(traitLists.country, rand()),
    role: pick(traitLists.role, rand()),
    language: pick(traitLists.language, rand()),
    seats: Math.floor(Math.exp(rand() * Math.log(maxSeats))),
    signupDate: new Date(now - Math.floor(rand() * signupDays * DAY)).toISOString(),
    beta: rand() < betaShare,
  };
}

export function churnScore(rand: () => number): number | null {
  if (rand() >= scoredShare) return null;
  return Math.round(rand() ** scoreExponent * 10_000) / 10_000;
}

export const interactionTypes: Weighted<string> = [
  ["impression", 0.8],
  ["dismiss", 0.1],
  ["cta_click", 0.06],
  ["complete", 0.04],
];
/** Share of interactions on the always-live, everyone-audience messages (so caps bite). */
export const liveShare = 0.4;

/** Product settings: auto-render on and a loose attention budget, so its checks run too. */
export const productSettings = {
  autoRender: true,
  attentionBudget: { maxPerDay: 5, maxPerWeek: 20 },
};

/** Milestones reached: 30% "onboarded", another 10% also "first_project". */
export function milestonesOf(r: number): string {
  if (r < 0.1) return '["onboarded","first_project"]';
  return r < 0.4 ? '["onboarded"]' : "[]";
}

/** Seeded interaction uuids ascend, so the primary key is appended in order. */
export const seedUuid = (k: number) => `seed${String(k).padStart(9, "0")}`;
