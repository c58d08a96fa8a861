import { describe, expect, it } from "vitest";
import { fires, pathAllowed } from "../src/core/triggers.js";

const none = new Set<string>();

describe("fires", () => {
  it("page triggers fire on every $pageview", () => {
    expect(fires({ type: "page" }, "$pageview", undefined, none)).toBe(true);
    expect(fires({ type: "page" }, "$click", undefined, none)).toBe(false);
  });

  it("event triggers fire on their event, autocaptured ones included", () => {
    expect(fires({ type: "event", event: "$click" }, "$click", undefined, none)).toBe(true);
    expect(fires({ type: "event", event: "signup" }, "signup", {}, none)).toBe(true);
    expect(fires({ type: "event", event: "signup" }, "$pageview", {}, none)).toBe(false);
  });

  it("milestone triggers fire when reached and on every page view after", () => {
    const t = { type: "milestone", milestone: "onboarded" } as const;
    const reached = new Set(["onboarded"]);
    expect(fires(t, "$pageview", undefined, none)).toBe(false);
    expect(fires(t, "$pageview", undefined, reached)).toBe(true);
    expect(fires(t, "$milestone", { name: "onboarded" }, reached)).toBe(true);
    expect(fires(t, "$milestone", { name: "other" }, reached)).toBe(false);
  });

  it("manual triggers never fire by themselves", () => {
    expect(fires({ type: "manual" }, "$pageview", undefined, none)).toBe(false);
  });
});

describe("pathAllowed", () => {
  it("matches location.pathname like RegExp#test; no regex means everywhere", () => {
    expect(pathAllowed(undefined, "/x")).toBe(true);
    expect(pathAllowed("^/app", "/app/settings")).toBe(true);
    expect(pathAllowed("^/app$", "/app/settings")).toBe(false);
    expect(pathAllowed("billing", "/app/1/billing")).toBe(true);
  });

  it("never matches a pattern that could backtrack catastrophically or does not compile", () => {
    expect(pathAllowed("(a+)+$", "aaaa")).toBe(false);
    expect(pathAllowed("^/(a|a)*$", "/a")).toBe(false);
    expect(pathAllowed("(", "/(")).toBe(false);
  });
});
