import { describe, expect, it } from "vitest";
import json from "../spec/cases.json" with { type: "json" };
import { type CasesFile, conformanceCases } from "../spec/conformance.js";
import * as rules from "../src/index.js";

const cases = json as unknown as CasesFile;
const all = conformanceCases(cases, rules);

describe("spec/cases.json", () => {
  it("has at least 100 cases and a note on how expectations were computed", () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
    expect(Object.keys(cases.sources)).toEqual(expect.arrayContaining(["fnv1a32", "bucket"]));
  });

  for (const section of new Set(all.map((c) => c.section))) {
    describe(section, () => {
      const inSection = all.filter((c) => c.section === section);
      it.each(inSection.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        expect(c.run()).toEqual(c.expected);
      });
    });
  }
});
