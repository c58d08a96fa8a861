import { describe, expect, it } from "vitest";
import { blockedUntil, FOREVER } from "../src/core/caps.js";

const now = 1_700_000_000_000;
const hour = 3_600_000;

describe("blockedUntil", () => {
  it("blocks for good after a terminal interaction with cap ever (the default) or session", () => {
    for (const type of ["dismiss", "cta_click", "complete"] as const) {
      expect(blockedUntil(type, {}, 1, now)).toBe(FOREVER);
      expect(blockedUntil(type, { cap: "session" }, 1, now)).toBe(FOREVER);
    }
  });

  it("blocks a day after a terminal interaction with cap day", () => {
    expect(blockedUntil("complete", { cap: "day" }, 1, now)).toBe(now + 24 * hour);
  });

  it("never blocks on an impression alone, unless impression rules say so", () => {
    expect(blockedUntil("impression", { cap: "ever" }, 1, now)).toBe(0);
    expect(blockedUntil("impression", { maxImpressions: 2 }, 1, now)).toBe(0);
    expect(blockedUntil("impression", { maxImpressions: 2 }, 2, now)).toBe(FOREVER);
    expect(blockedUntil("impression", { minIntervalHours: 3 }, 1, now)).toBe(now + 3 * hour);
  });

  it("cap none lets it come back, except for dismissDays after a dismiss", () => {
    expect(blockedUntil("complete", { cap: "none" }, 1, now)).toBe(0);
    expect(blockedUntil("dismiss", { cap: "none", dismissDays: 2 }, 1, now)).toBe(now + 48 * hour);
  });
});
