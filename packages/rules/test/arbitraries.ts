// fast-check arbitraries for well-typed (and deliberately odd but well-typed) rule inputs.
import fc from "fast-check";
import type {
  AttentionBudget,
  Audience,
  EvalContext,
  Filter,
  FilterOp,
  Frequency,
  RuleMessage,
  UserState,
} from "../src/index.js";

export const NOW = Date.UTC(2026, 10, 20, 12);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const OPS: FilterOp[] = [
  "eq",
  "neq",
  "in",
  "nin",
  "contains",
  "gt",
  "gte",
  "lt",
  "lte",
  "exists",
  "not_exists",
  "before",
  "after",
];

export const traitKey = fc.constantFrom("plan", "seats", "tags", "signedUpAt", "email", "missing");

export const scalar = fc.oneof(
  fc.constantFrom("pro", "free", "a@example.com", "2026-01-01T00:00:00Z", ""),
  fc.integer({ min: -5, max: 20 }),
  fc.boolean(),
);

export const traitsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    plan: fc.constantFrom("pro", "free", null),
    seats: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant("12")),
    tags: fc.array(fc.constantFrom("admin", "beta", 7), { maxLength: 3 }),
    signedUpAt: fc.oneof(
      fc.constantFrom("2026-01-01T00:00:00Z", "2025-06-01", "not a date"),
      fc.integer({ min: 1.7e12, max: 1.8e12 }),
    ),
    email: fc.constantFrom("a@example.com", "B@EXAMPLE.COM"),
  },
  { requiredKeys: [] },
);

/** Any op with any value: often malformed (eq with an array, gt with a string...). */
export const looseLeafArb: fc.Arbitrary<Filter> = fc.record({
  trait: traitKey,
  op: fc.constantFrom(...OPS),
  value: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
});

const dateValue = fc.oneof(
  fc.constantFrom("2026-01-01T00:00:00Z", "2025-06-01", "2026-03-01T10:00:00+01:00"),
  fc.integer({ min: 1.7e12, max: 1.8e12 }),
);

/** A well-formed leaf: the value always suits the op. */
export const leafArb: fc.Arbitrary<Filter> = fc
  .tuple(traitKey, fc.constantFrom(...OPS))
  .chain(([trait, op]): fc.Arbitrary<Filter> => {
    switch (op) {
      case "exists":
      case "not_exists":
        return fc.constant({ trait, op });
      case "in":
      case "nin":
        return fc.array(scalar, { maxLength: 3 }).map((value) => ({ trait, op, value }));
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        return fc.integer({ min: -5, max: 20 }).map((value) => ({ trait, op, value }));
      case "before":
      case "after":
        return dateValue.map((value) => ({ trait, op, value }));
      default:
        return scalar.map((value) => ({ trait, op, value }));
    }
  });

export const filterArb: fc.Arbitrary<Filter> = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArb,
    fc.record({ and: fc.array(tie("filter"), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("filter"), { maxLength: 3 }) }),
    fc.record({ not: tie("filter") }),
  ),
})).filter;

/** An instant near NOW, biased towards the boundaries the rules care about. */
export const nearNow = fc.oneof(
  fc.integer({ min: NOW - 10 * DAY, max: NOW + DAY }),
  fc
    .constantFrom(0, 1, HOUR, 4 * HOUR, DAY, 7 * DAY, 30 * 60_000)
    .chain((d) => fc.constantFrom(NOW - d, NOW - d + 1, NOW - d - 1)),
);

const isoNearNow = nearNow.map((t) => new Date(t).toISOString());

export const audienceArb: fc.Arbitrary<Audience> = fc.oneof(
  fc.record(
    {
      type: fc.constant("score" as const),
      churnProbGt: fc.double({ min: 0, max: 1, noNaN: true }),
      topN: fc.integer({ min: 0, max: 20 }),
    },
    { requiredKeys: ["type"] },
  ),
  fc.record({
    type: fc.constant("segment" as const),
    segmentId: fc.constantFrom("seg_a", "seg_missing"),
  }),
  fc.record({ type: fc.constant("traits" as const), filter: filterArb }),
);

const frequencyArb: fc.Arbitrary<Frequency> = fc.record(
  {
    cap: fc.constantFrom("ever", "day", "session", "none"),
    maxImpressions: fc.integer({ min: 0, max: 5 }),
    minIntervalHours: fc.constantFrom(0, 0.5, 1, 4, 24),
    dismissDays: fc.constantFrom(0, 1, 7),
  },
  { requiredKeys: [] },
);

export const messageArb: fc.Arbitrary<RuleMessage> = fc.record(
  {
    id: fc.constant("msg_1"),
    status: fc.constantFrom("draft", "active", "paused"),
    audience: fc.option(audienceArb),
    frequency: fc.option(frequencyArb),
    schedule: fc.option(
      fc.record(
        {
          startsAt: fc.option(fc.oneof(isoNearNow, fc.constant("garbage"))),
          endsAt: fc.option(isoNearNow),
        },
        { requiredKeys: [] },
      ),
    ),
    experimentId: fc.option(fc.constant("exp_1")),
    ignoreBudget: fc.boolean(),
  },
  { requiredKeys: ["id", "status"] },
);

const count = fc.integer({ min: 0, max: 12 });

export const userArb: fc.Arbitrary<UserState> = fc.record({
  distinctId: fc.string(),
  traits: traitsArb,
  churnProb: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  history: fc.record(
    {
      impressions: count,
      lastImpressionAt: fc.option(nearNow),
      terminals: count,
      lastTerminalAt: fc.option(nearNow),
      lastDismissAt: fc.option(nearNow),
      shownThisSession: fc.boolean(),
    },
    {
      requiredKeys: [
        "impressions",
        "lastImpressionAt",
        "terminals",
        "lastTerminalAt",
        "lastDismissAt",
      ],
    },
  ),
  budget: fc.record({
    impressionsLast24h: count,
    impressionsLast7d: count,
    lastImpressionAt: fc.option(nearNow),
  }),
});

const budgetArb: fc.Arbitrary<AttentionBudget> = fc.record(
  {
    maxPerDay: fc.integer({ min: 0, max: 5 }),
    maxPerWeek: fc.integer({ min: 0, max: 12 }),
    minMinutesBetween: fc.constantFrom(0, 1, 30, 240),
  },
  { requiredKeys: [] },
);

export const contextArb: fc.Arbitrary<EvalContext> = fc.record(
  {
    segments: fc.record({ seg_a: filterArb }),
    topNThreshold: fc
      .oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(Number.NEGATIVE_INFINITY))
      .map((t) => () => t),
    attentionBudget: fc.option(budgetArb),
    enforcer: fc.constantFrom("server" as const, "sdk" as const),
  },
  { requiredKeys: ["segments", "topNThreshold"] },
);
