import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import json from "@nudge/rules/spec/cases.json" with { type: "json" };
import { type CasesFile, conformanceCases } from "@nudge/rules/spec/conformance";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error build.mjs is plain JavaScript without declarations.
import { common, squeeze } from "../build.mjs";

/**
 * spec/cases.json against the rules code exactly as the SDK bundles it (tree-shaken by the
 * SDK's esbuild settings, then oxc's minifier as build.mjs does), so a bundling mistake cannot
 * make the SDK disagree with the server.
 */
const sections = new Set(["fnv1a32", "bucket", "assignArm", "matchesPath", "safeRegex"]);
const dir = mkdtempSync(join(tmpdir(), "nudge-sdk-conformance-"));
type Bundled = typeof import("../src/core/triggers.js") & typeof import("@nudge/rules");
let sdk: Bundled;

beforeAll(async () => {
  const out = join(dir, "rules.mjs");
  const built = await esbuild.build({
    ...common,
    stdin: {
      contents: `export { fnv1a32, bucketOf, assignArm, matchesPath, isLikelySafeRegex } from "@nudge/rules";
        export { pathAllowed } from "./core/triggers.ts";`,
      resolveDir: join(import.meta.dirname, "../src"),
      loader: "ts",
    },
    format: "esm",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  writeFileSync(out, squeeze(built.outputFiles?.[0]?.text ?? "", true));
  sdk = await import(pathToFileURL(out).href);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unused = () => {
  throw new Error("not part of the SDK");
};

// The implementation is looked up when a case runs: the bundle is built in beforeAll.
const all = conformanceCases(json as unknown as CasesFile, {
  fnv1a32: (s) => sdk.fnv1a32(s),
  bucketOf: (f, d) => sdk.bucketOf(f, d),
  assignArm: (a, b) => sdk.assignArm(a, b),
  matchesPath: (r, p) => sdk.matchesPath(r, p),
  isLikelySafeRegex: (s) => sdk.isLikelySafeRegex(s),
  matchFilter: unused,
  evaluate: unused,
}).filter((c) => sections.has(c.section));

describe("the bundled SDK passes packages/rules/spec/cases.json", () => {
  for (const section of sections) {
    const cases = all.filter((c) => c.section === section);
    it(`has ${section} cases`, () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((c) => [c.name, c] as const))(`${section}: %s`, (_name, c) => {
      expect(c.run()).toEqual(c.expected);
    });
  }

  it("pathAllowed = matchesPath where the pattern is provably safe, never otherwise", () => {
    for (const [, regex, path, matches] of (json as unknown as CasesFile).matchesPath) {
      const safe = regex == null || regex === "" || sdk.isLikelySafeRegex(regex).safe;
      expect(sdk.pathAllowed(regex ?? undefined, path)).toBe(safe && matches);
    }
  });
});
