import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

/**
 * src/core must run without a browser (GUIDE practice 11): no DOM globals, no imports from
 * src/dom. Biome's import rules cover server folders; this guards the SDK's split.
 */
it("src/core touches no DOM global and imports nothing from src/dom", () => {
  const dir = join(import.meta.dirname, "../src/core");
  const offenders: string[] = [];
  for (const file of readdirSync(dir)) {
    const code = readFileSync(join(dir, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    const hit =
      /\b(window|document|navigator|location|localStorage|sessionStorage|HTMLElement|history)\b|from "\.\.\/dom/.exec(
        code,
      );
    if (hit) offenders.push(`${file}: ${hit[0]}`);
  }
  expect(offenders).toEqual([]);
});
