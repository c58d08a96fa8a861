import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstant } from "../src/index.js";

describe("parseInstant", () => {
  it.each([
    ["2026-11-20T12:00:00.000Z", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20T12:00:00Z", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20T12:00Z", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20T12:00:00", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20", Date.UTC(2026, 10, 20)],
    ["2026-11-20T13:30:00+01:30", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20T10:00:00-0200", Date.UTC(2026, 10, 20, 12)],
    ["2026-11-20 12:00:00.1239z", Date.UTC(2026, 10, 20, 12, 0, 0, 123)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["0001-01-01T00:00:00Z", -62135596800000],
    [0, 0],
    [1767225600000, 1767225600000],
  ])("parses %s", (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each([
    "",
    "soon",
    "2026-02-30",
    "2025-02-29",
    "2026-13-01",
    "2026-11-20T24:00:00Z",
    "2026-11-20T12:60Z",
    "2026-11-20T12:00:60Z",
    "20261120",
    "Nov 20 2026",
    "2026-11-20T12:00:00+25:00",
    " 2026-11-20",
  ])("rejects %j", (input) => {
    expect(parseInstant(input)).toBeNull();
  });

  it("rejects non-finite numbers and non-strings", () => {
    expect(parseInstant(Number.NaN)).toBeNull();
    expect(parseInstant(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant({})).toBeNull();
  });

  it("agrees with Date for every ISO string Date prints", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (d) => {
          expect(parseInstant(d.toISOString())).toBe(d.getTime());
        },
      ),
    );
  });
});
