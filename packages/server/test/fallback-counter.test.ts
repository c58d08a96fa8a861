import { describe, expect, it } from "vitest";
import { FallbackCounter } from "../src/http/fallback-counter.js";

describe("FallbackCounter", () => {
  it("refuses past max within a window, with the seconds left, and starts again after it", () => {
    let now = 1_000_000;
    const counter = new FallbackCounter(2, 60_000, 100, () => now);
    expect(counter.hit("a")).toBeNull();
    expect(counter.hit("a")).toBeNull();
    expect(counter.hit("a")).toBe(60);
    expect(counter.hit("b")).toBeNull();
    now += 59_500;
    expect(counter.hit("a")).toBe(1);
    now += 500;
    expect(counter.hit("a")).toBeNull();
  });

  it("forgets the oldest id beyond its capacity", () => {
    const counter = new FallbackCounter(1, 60_000, 2, () => 0);
    counter.hit("a");
    expect(counter.hit("a")).toBe(60);
    counter.hit("b");
    counter.hit("c");
    expect(counter.hit("a")).toBeNull();
    expect(counter.hit("c")).toBe(60);
  });
});
