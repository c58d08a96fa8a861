import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
// @ts-expect-error build.mjs is plain JavaScript without declarations.
import { bundle, contentChunk } from "../build.mjs";

/** The budget of issue 4: the whole script-tag SDK, floating-ui and styles included. */
export const BUDGET = 16 * 1024;

it(`the script-tag SDK is at most ${BUDGET} bytes gzipped (level 9)`, async () => {
  const code: Uint8Array = await bundle();
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`nudge.iife.js: ${code.length} bytes, ${gzipped} bytes gzip -9 (budget ${BUDGET})`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});

/** The content chunk's own budget: loaded only for steps with rich content or translations. */
export const CHUNK_BUDGET = 4 * 1024;

it(`the content chunk is at most ${CHUNK_BUDGET} bytes gzipped (level 9), without zod`, async () => {
  const code: Uint8Array = await contentChunk();
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(
    `content.js: ${code.length} bytes, ${gzipped} bytes gzip -9 (budget ${CHUNK_BUDGET})`,
  );
  expect(gzipped).toBeLessThanOrEqual(CHUNK_BUDGET);
  // @nudge/content takes only types from @nudge/schema: the schema's zod must not come along.
  expect(new TextDecoder().decode(code)).not.toContain("ZodError");
});
