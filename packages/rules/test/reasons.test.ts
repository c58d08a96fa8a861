import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type EvalContext,
  evaluate,
  type RuleMessage,
  type RuleName,
  type UserState,
} from "../src/index.js";
import { contextArb, DAY, HOUR, messageArb, NOW, nearNow, userArb } from "./arbitraries.js";

const user = (over: Partial<UserState> = {}, history = {}, budget = {}): UserState => ({
  distinctId: "user_1",
  traits: { plan: "pro" },
  churnProb: null,
  ...over,
  history: {
    impressions: 0,
    lastImpressionAt: null,
    terminals: 0,
    lastTerminalAt: null,
    lastDismissAt: null,
    ...history,
  },
  budget: { impressionsLast24h: 0, impressionsLast7d: 0, lastImpressionAt: null, ...budget },
});
const ctx = (over: Partial<EvalContext> = {}): EvalContext => ({
  segments: { seg_pro: { trait: "plan", op: "eq", value: "pro" } },
  topNThreshold: (n) => (n === 10 ? 0.8 : Number.NEGATIVE_INFINITY),
  ...over,
});
const message = (over: Partial<RuleMessage> = {}): RuleMessage => ({
  id: "msg_1",
  status: "active",
  ...over,
});

function reason(
  rule: RuleName,
  m: RuleMessage,
  u: UserState = user(),
  c: EvalContext = ctx(),
  now = NOW,
): string {
  const check = evaluate(m, u, c, now).checks.find((x) => x.rule === rule);
  return check?.reason ?? "";
}

describe("reasons are human sentences", () => {
  it("explains a dismissDays wait with the time left", () => {
    const dismissedAt = Date.parse("2026-11-18T10:00:00.000Z");
    const r = reason(
      "dismiss_days",
      message({ frequency: { cap: "none", dismissDays: 7 } }),
      user({}, { terminals: 1, lastTerminalAt: dismissedAt, lastDismissAt: dismissedAt }),
      ctx(),
      Date.parse("2026-11-20T10:00:00.000Z"),
    );
    expect(r).toBe(
      "Dismissed 2 days ago; dismissDays is 7 (hidden until 2026-11-25T10:00:00.000Z)",
    );
  });

  it("names status, schedule and audience outcomes", () => {
    expect(reason("status", message({ status: "paused" }))).toBe(
      "Message is paused; only active messages are shown",
    );
    expect(reason("schedule", message({ schedule: { startsAt: "2026-11-20T15:30:00Z" } }))).toBe(
      "Not started yet: the schedule starts at 2026-11-20T15:30:00.000Z (in 3 hours 30 minutes)",
    );
    expect(reason("schedule", message({ schedule: { endsAt: "2026-11-19T12:00:00Z" } }))).toBe(
      "The schedule ended at 2026-11-19T12:00:00.000Z (1 day ago)",
    );
    expect(reason("audience", message({ audience: { type: "score", churnProbGt: 0.5 } }))).toBe(
      "User has no churn score; score audiences only include scored users",
    );
    expect(
      reason(
        "audience",
        message({ audience: { type: "score", churnProbGt: 0.5, topN: 10 } }),
        user({ churnProb: 0.7 }),
      ),
    ).toBe(
      "User's churnProb 0.7 is not in the top 10 (the top 10 score at least 0.8), though above 0.5",
    );
    expect(reason("audience", message({ audience: { type: "segment", segmentId: "gone" } }))).toBe(
      'Segment "gone" does not exist; an unknown segment matches no one',
    );
  });

  it("names frequency and budget outcomes", () => {
    expect(reason("cap", message(), user({}, { terminals: 2, lastTerminalAt: NOW - HOUR }))).toBe(
      "User already dismissed, clicked or completed this campaign; cap is ever",
    );
    expect(
      reason(
        "cap",
        message({ frequency: { cap: "day" } }),
        user({}, { terminals: 1, lastTerminalAt: NOW - 3 * HOUR }),
      ),
    ).toBe(
      "Last dismiss, CTA click or completion was 3 hours ago; cap is day (hidden until 2026-11-21T09:00:00.000Z)",
    );
    expect(reason("cap", message({ frequency: { cap: "session" } }))).toMatch(/SDK/);
    expect(
      reason(
        "max_impressions",
        message({ frequency: { maxImpressions: 3 } }),
        user({}, { impressions: 3 }),
      ),
    ).toBe("Shown 3 times; maxImpressions is 3");
    expect(
      reason(
        "budget_day",
        message(),
        user({}, {}, { impressionsLast24h: 1 }),
        ctx({ attentionBudget: { maxPerDay: 1 } }),
      ),
    ).toBe("User saw 1 message in the last 24 hours; the product's maxPerDay is 1");
    expect(reason("budget_week", message({ ignoreBudget: true }))).toBe(
      "Exempt from the attention budget: the message sets ignoreBudget",
    );
    expect(reason("min_interval", message())).toBe("No minIntervalHours set");
  });

  it("prefixes unreadable data with 'invalid data:' and names the field", () => {
    const bad = user({}, { terminals: "many" as unknown as number });
    expect(reason("cap", message(), bad)).toBe(
      'invalid data: user.history.terminals must be a number ≥ 0, got "many"',
    );
    expect(reason("schedule", message({ schedule: { startsAt: "soon" } }))).toBe(
      'invalid data: schedule.startsAt is not an ISO-8601 date, got "soon"',
    );
    expect(
      reason("audience", message({ audience: { type: "traits", filter: { or: 1 } } as never })),
    ).toBe("invalid data: the audience has a malformed filter: filter.or must be an array");
    expect(reason("status", null as never)).toBe(
      "invalid data: message must be an object, got null",
    );
  });

  it("are single capitalised lines without leaked placeholders for well-typed input", () => {
    fc.assert(
      fc.property(messageArb, userArb, contextArb, nearNow, (m, u, c, now) => {
        for (const check of evaluate(m, u, c, now).checks) {
          expect(check.reason).toMatch(/^([A-Z]|invalid data: )/);
          expect(check.reason).not.toMatch(/\n|undefined|NaN|\[object|Infinity/);
          expect(check.reason.length).toBeLessThan(200);
        }
      }),
    );
  });

  it("say how long ago and when it shows again, consistently with the verdict", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * DAY }), (age) => {
        const r = evaluate(
          message({ frequency: { cap: "none", minIntervalHours: 24 } }),
          user({}, { impressions: 1, lastImpressionAt: NOW - age }),
          ctx(),
          NOW,
        ).checks.find((x) => x.rule === "min_interval")!;
        expect(r.reason.includes("hidden until")).toBe(!r.passed);
        expect(r.passed).toBe(age >= DAY);
      }),
    );
  });
});
