import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ActiveSet,
  type CampaignEntry,
  entriesLiveAt,
} from "../src/domain/delivery/active-set.js";

const entry = (key: string, from: number, until: number) =>
  ({ key, window: { from, until } }) as CampaignEntry;
const setOf = (entries: CampaignEntry[]) =>
  ({ entries, live: { from: 0, until: 0, entries: [] } }) as unknown as ActiveSet;
const keysAt = (set: ActiveSet, now: number) => entriesLiveAt(set, now).map((e) => e.key);

describe("entriesLiveAt", () => {
  it("keeps priority order and drops entries outside their window", () => {
    const set = setOf([entry("a", 0, 100), entry("b", 50, 60), entry("c", -Infinity, Infinity)]);
    expect(keysAt(set, 10)).toEqual(["a", "c"]);
    expect(keysAt(set, 55)).toEqual(["a", "b", "c"]);
    expect(keysAt(set, 60)).toEqual(["a", "c"]);
    expect(keysAt(set, 100)).toEqual(["c"]);
    expect(keysAt(set, 55)).toEqual(["a", "b", "c"]); // time moving back
  });

  it("always equals filtering every entry, whatever order the instants come in", () => {
    const edge = fc.integer({ min: 0, max: 50 });
    const entries = fc.array(
      fc.tuple(edge, edge).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(
        entries,
        fc.array(fc.integer({ min: -5, max: 55 }), { maxLength: 20 }),
        (ws, instants) => {
          const set = setOf(ws.map(([f, u], i) => entry(String(i), f, u)));
          for (const now of instants) {
            const expected = set.entries
              .filter((e) => now >= e.window.from && now < e.window.until)
              .map((e) => e.key);
            expect(keysAt(set, now)).toEqual(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
