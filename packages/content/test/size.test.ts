import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The SDK loads the DOM renderer lazily, as a chunk of its own; it must stay small and must not
 * pull in zod (the package imports @nudge/schema for types only).
 */
async function bundled(exports: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ${exports} } from "../src/index.ts";`,
      resolveDir: new URL(".", import.meta.url).pathname,
      loader: "ts",
    },
    bundle: true,
    minify: true,
    format: "esm",
    target: ["chrome100", "firefox100", "safari15.4"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("the DOM renderer's size", () => {
  it("is under 3 KB gzipped, and under 3.5 KB with locale selection and the stylesheet", async () => {
    const dom = await bundled("renderContent, domBuilder");
    const full = await bundled(
      "renderContent, domBuilder, pickLocale, isRtl, localizeStep, contentStyles",
    );
    const gz = (code: string) => gzipSync(code, { level: 9 }).length;
    expect(gz(dom)).toBeLessThan(3072);
    expect(gz(full)).toBeLessThan(3584);
    for (const code of [dom, full]) {
      expect(code).not.toMatch(/zod|ZodError/);
      // Tree shaking keeps the string builder out of the browser's chunk.
      expect(code).not.toContain("&amp;");
    }
  });
});
