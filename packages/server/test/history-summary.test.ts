import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addInteractions,
  type Counted,
  type HistorySummary,
  historyRows,
  maxRecent,
  mergeSummaries,
  parseSummary,
} from "../src/domain/delivery/history-summary.js";
import type { HistoryRow } from "../src/domain/delivery/ports.js";

const DAY = 24 * 3600 * 1000;
const now = Date.UTC(2026, 11, 3, 12);

/** What the old hot read computed in SQL: the user's interactions grouped per message and type. */
function grouped(items: Counted[], at: number): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const { messageId, type, ts } of items) {
    const key = `${messageId} ${type}`;
    const row = rows.get(key) ?? {
      messageId,
      type,
      count: 0,
      last: ts,
      countLastDay: 0,
      countLastWeek: 0,
    };
    row.count++;
    row.last = Math.max(row.last, ts);
    if (ts > at - DAY) row.countLastDay++;
    if (ts > at - 7 * DAY) row.countLastWeek++;
    rows.set(key, row);
  }
  return sorted([...rows.values()]);
}

const sorted = (rows: HistoryRow[]) =>
  [...rows].sort((a, b) => `${a.messageId} ${a.type}`.localeCompare(`${b.messageId} ${b.type}`));

// Timestamps on and around the day and week edges, where an off-by-one would show.
const tsArb = fc.oneof(
  fc.integer({ min: now - 12 * DAY, max: now + DAY }),
  fc.constantFrom(now - DAY, now - DAY + 1, now - 7 * DAY, now - 7 * DAY + 1, now - 8 * DAY),
);
const itemArb = fc.record({
  messageId: fc.constantFrom("msg_a", "msg_b", "msg_c"),
  type: fc.constantFrom("impression", "dismiss", "cta_click", "complete"),
  ts: tsArb,
});

describe("history summaries", () => {
  it("read exactly as grouping the interactions, however the writes were split and merged", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            items: fc.array(itemArb, { maxLength: 8 }),
            // Written at most a day after the read instant: the slack the summary keeps.
            writtenAt: fc.integer({ min: now - 30 * DAY, max: now + DAY }),
            anonymous: fc.boolean(),
          }),
          { maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 12 * DAY }),
        (writes, mergeDelay) => {
          const person: HistorySummary = [];
          const anon: HistorySummary = [];
          const mergedAt = Math.min(...writes.map((w) => w.writtenAt), now) + mergeDelay;
          for (const w of writes)
            addInteractions(w.anonymous ? anon : person, w.items, w.writtenAt);
          mergeSummaries(person, anon, Math.min(mergedAt, now + DAY));
          const every = writes.flatMap((w) => w.items);
          expect(sorted(historyRows(person, now))).toEqual(grouped(every, now));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("survive a JSON round trip, and read malformed text as no history", () => {
    const summary = addInteractions([], [{ messageId: "m", type: "impression", ts: now }], now);
    expect(parseSummary(JSON.stringify(summary))).toEqual(summary);
    for (const bad of [null, "", "{", "{}", '[["m"]]', '[["m","impression","x",1,[]]]']) {
      expect(parseSummary(bad)).toEqual([]);
    }
  });

  it("keep the newest timestamps beyond the budget's largest limit, and the exact count", () => {
    const many = Array.from({ length: maxRecent + 50 }, (_, i) => ({
      messageId: "m",
      type: "impression",
      ts: now - i * 1000,
    }));
    const [row] = historyRows(addInteractions([], many, now), now);
    expect(row).toMatchObject({ count: maxRecent + 50, last: now, countLastWeek: maxRecent });
  });
});
