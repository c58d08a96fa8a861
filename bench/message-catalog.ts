import { type Filter, type MessageCreate, messageCreateSchema } from "@nudge/schema";
import { any, DAY, pick, rng, type Scale, traitLists } from "./data-shape.js";

/**
 * The authored side of the benchmark product, shared by both dialects: its segments and its
 * 1,000 active messages (audiences, caps, triggers, schedules), validated by the real schema.
 */
const countries = traitLists.country.map(([c]) => c);
const isoDaysAgo = (now: number, days: number) =>
  new Date(now - Math.round(days) * DAY).toISOString();

export interface SegmentDef {
  id: string;
  name: string;
  filter: Filter;
}

/** About 2% of users each: a user matches well under one segment on average. */
export function segmentDefs(count: number, now: number): SegmentDef[] {
  const rand = rng(7);
  return Array.from({ length: count }, (_, k) => {
    const c1 = any(countries, rand());
    const c2 = any(countries, rand());
    const filters: Filter[] = [
      {
        and: [
          { trait: "country", op: "eq", value: c1 },
          { trait: "plan", op: "in", value: ["pro", "enterprise"] },
        ],
      },
      {
        and: [
          { trait: "seats", op: "gte", value: 50 + Math.floor(rand() * 150) },
          { trait: "role", op: "eq", value: "admin" },
        ],
      },
      {
        and: [
          { trait: "signupDate", op: "after", value: isoDaysAgo(now, 14 + rand() * 30) },
          { trait: "language", op: "neq", value: "en" },
        ],
      },
      {
        or: [
          {
            and: [
              { trait: "beta", op: "eq", value: true },
              { trait: "plan", op: "eq", value: "starter" },
            ],
          },
          {
            and: [
              { trait: "country", op: "in", value: [c1, c2] },
              { trait: "seats", op: "lt", value: 3 },
              { not: { trait: "plan", op: "eq", value: "free" } },
            ],
          },
        ],
      },
    ];
    return {
      id: `seg_bench${String(k).padStart(4, "0")}`,
      name: `Bench segment ${k}`,
      filter: filters[k % filters.length]!,
    };
  });
}

function traitsFilter(j: number, rand: () => number, now: number): Filter {
  const plan = pick(traitLists.plan, rand());
  const country = any(countries, rand());
  const language = pick(traitLists.language, rand());
  switch (j % 5) {
    case 0:
      return {
        and: [
          { trait: "plan", op: "eq", value: plan },
          { trait: "country", op: "eq", value: country },
        ],
      };
    case 1:
      return {
        and: [
          { trait: "plan", op: "in", value: ["pro", "enterprise"] },
          { trait: "signupDate", op: "after", value: isoDaysAgo(now, 30 + rand() * 60) },
        ],
      };
    case 2:
      return {
        and: [
          { trait: "seats", op: "gte", value: 100 + Math.floor(rand() * 200) },
          { trait: "country", op: "in", value: [country, any(countries, rand())] },
        ],
      };
    case 3:
      return {
        and: [
          { trait: "role", op: "eq", value: "admin" },
          { trait: "plan", op: "eq", value: plan },
          { trait: "language", op: "eq", value: language },
        ],
      };
    default:
      return {
        or: [
          {
            and: [
              { trait: "beta", op: "eq", value: true },
              { trait: "plan", op: "eq", value: "enterprise" },
            ],
          },
          {
            and: [
              { trait: "country", op: "eq", value: country },
              { trait: "signupDate", op: "before", value: isoDaysAgo(now, 700 + rand() * 300) },
              { trait: "seats", op: "gt", value: 50 },
            ],
          },
        ],
      };
  }
}

const words =
  "Try the new dashboard with faster reports, shared views and alerts that tell your team what changed since yesterday so nobody misses a beat".split(
    " ",
  );
const sentence = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => any(words, rand())).join(" ");

function steps(rand: () => number, i: number): MessageCreate["steps"] {
  const count = 1 + Math.floor(rand() * 3);
  return Array.from({ length: count }, (_, s) => {
    const type = count > 1 ? "tooltip" : any(["modal", "banner", "slideout"] as const, rand());
    return {
      type,
      ...(type === "tooltip" ? { selector: `#nav-item-${(i + s) % 12}` } : {}),
      title: sentence(rand, 5),
      body: sentence(rand, 15 + Math.floor(rand() * 25)),
      ctaText: "Learn more",
      ctaUrl: `/docs/feature-${i}`,
      dismissible: true,
    };
  });
}

function trigger(rand: () => number): MessageCreate["trigger"] {
  const r = rand();
  const urlRegex = rand() < 0.3 ? any(["^/pricing", "^/app/settings", "^/docs/.*"], rand()) : "";
  const url = urlRegex ? { urlRegex } : {};
  if (r < 0.4) return { type: "page", ...url };
  if (r < 0.7) {
    return { type: "event", event: any(["feature_used", "export_clicked", "$click"], rand()) };
  }
  if (r < 0.8) {
    return { type: "milestone", milestone: any(["onboarded", "first_project"], rand()), ...url };
  }
  return { type: "manual" };
}

export interface MessageDef {
  id: string;
  /** Shown to everyone, always on: the messages most interactions are about. */
  live: boolean;
  fields: MessageCreate;
}

/** How many audience-less messages are live now (everyone sees them, minus caps). */
const liveEveryone = 6;

type Schedule = { startsAt?: string; endsAt?: string };

/** Phases 0–1 live (open, or a window around now), 2–3 ended, 4 upcoming. */
function scheduleOf(phase: number): (now: number, rand: () => number) => Schedule {
  switch (phase) {
    case 0:
      return () => ({});
    case 1:
      return (now) => ({ startsAt: isoDaysAgo(now, 30), endsAt: isoDaysAgo(now, -30) });
    case 2:
    case 3:
      return (now, rand) => ({
        startsAt: isoDaysAgo(now, 120),
        endsAt: isoDaysAgo(now, 1 + rand() * 60),
      });
    default:
      return (now, rand) => ({ startsAt: isoDaysAgo(now, -1 - rand() * 60) });
  }
}

const kinds = [
  "none",
  "none",
  "none",
  "none",
  "traits",
  "traits",
  "segment",
  "segment",
  "score",
  "score",
] as const;

/**
 * 1,000 active messages: 40% without audience, 20% trait filters, 20% segments, 20% score
 * audiences; a mix of caps, limits, priorities, triggers and 1–3 steps. Like a real account's
 * "active" list, many are campaigns whose schedule has ended or not begun: only 6 of those
 * without audience and 40% of the others are live now. Validated by the real message schema.
 */
export function messageDefs(scale: Scale, segments: SegmentDef[], now: number): MessageDef[] {
  const rand = rng(42);
  const seen: Record<(typeof kinds)[number], number> = { none: 0, traits: 0, segment: 0, score: 0 };
  return Array.from({ length: scale.messages }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const j = seen[kind]++;
    // Phase by j/5, so it does not correlate with the audience variants picked by j % n.
    const phase =
      kind === "none" ? (j < liveEveryone ? j % 2 : 2 + (j % 3)) : Math.floor(j / 5) % 5;
    const schedule = scheduleOf(phase)(now, rand);
    let audience: MessageCreate["audience"] = null;
    if (kind === "traits") {
      audience = { type: "traits", filter: traitsFilter(j, rand, now) };
    } else if (kind === "segment") {
      audience = { type: "segment", segmentId: segments[j % segments.length]!.id };
    } else if (kind === "score") {
      const topN = (n: number) => Math.max(1, Math.round(n * scale.factor));
      const gt = Math.round((0.6 + rand() * 0.39) * 100) / 100;
      audience =
        j % 3 === 0
          ? { type: "score", churnProbGt: gt }
          : j % 3 === 1
            ? { type: "score", topN: topN(any([100, 500, 1000, 5000, 10_000, 20_000], rand())) }
            : { type: "score", churnProbGt: gt - 0.3, topN: topN(any([5000, 20_000], rand())) };
    }
    const frequency: MessageCreate["frequency"] = {
      cap: any(["ever", "ever", "day", "session", "none"] as const, rand()),
      ...(rand() < 0.3 ? { maxImpressions: 1 + Math.floor(rand() * 10) } : {}),
      ...(rand() < 0.2 ? { minIntervalHours: any([1, 4, 24, 72], rand()) } : {}),
      ...(rand() < 0.2 ? { dismissDays: any([7, 14, 30, 90], rand()) } : {}),
    };
    const fields = messageCreateSchema.parse({
      name: `Bench ${kind} message ${j}`,
      status: "active",
      trigger: trigger(rand),
      audience,
      steps: steps(rand, i),
      appearance: {
        position: any(["center", "bottom-right", "top"], rand()),
        theme: any(["light", "dark"], rand()),
      },
      frequency,
      schedule,
      priority: Math.floor(rand() * 101),
    });
    const id = `msg_${(now - 1e9 + i * 1000).toString(36).padStart(9, "0")}bench${String(i).padStart(9, "0")}`;
    return { id, live: kind === "none" && j < liveEveryone, fields };
  });
}

/** The `definition` column, exactly as the message store writes it. */
export function definitionOf(fields: MessageCreate): string {
  const { trigger, audience, steps, appearance, frequency, schedule, ignoreBudget } = fields;
  return JSON.stringify({
    trigger,
    audience: audience ?? null,
    steps,
    appearance,
    frequency,
    schedule,
    ignoreBudget,
  });
}
