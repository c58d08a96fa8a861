import { describe, expect, it } from "vitest";
import { regexProblem } from "../src/domain/messages/regex-safety.js";

describe("regexProblem", () => {
  it("does not remember a refusal that came from running out of time", () => {
    // A pattern no other test checks, so the module's cache has not seen it.
    const pattern = "^/workspaces/[^/]+/boards/(open|archived|shared)$";
    expect(regexProblem(pattern, 1)).toMatch(/too complex to prove safe/);
    expect(regexProblem(pattern)).toBeNull();
  });

  it("remembers a verdict that did not depend on time", () => {
    const pattern = "^/h1-cache/(a+)+$";
    const first = regexProblem(pattern);
    expect(first).toMatch(/backtrack catastrophically/);
    // With no time at all it could only time out: the answer comes from the cache.
    expect(regexProblem(pattern, 1)).toBe(first);
  });
});
