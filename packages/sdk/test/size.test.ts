import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
// @ts-expect-error build.mjs is plain JavaScript without declarations.
import { bundle } from "../build.mjs";

/** The budget of issue 4: the whole script-tag SDK, floating-ui and styles included. */
export const BUDGET = 16 * 1024;

it(`the script-tag SDK is at most ${BUDGET} bytes gzipped (level 9)`, async () => {
  const code: Uint8Array = await bundle();
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`nudge.iife.js: ${code.length} bytes, ${gzipped} bytes gzip -9 (budget ${BUDGET})`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});
