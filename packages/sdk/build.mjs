/**
 * Builds the SDK: dist/nudge.iife.js (script tag, minified), dist/content.js (the lazily loaded
 * content chunk), dist/nudge.esm.js (bundlers) and the type declarations. `node build.mjs` from anywhere; tests import `bundle()` to measure
 * exactly what ships.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { minifySync } from "rolldown/utils";

const here = dirname(fileURLToPath(import.meta.url));
const rulesSrc = resolve(here, "../rules/src");

/**
 * @nudge/rules is pure but does not declare `sideEffects: false`, so esbuild would keep all of
 * it (evaluate, filters…). Marking its modules side-effect free lets tree shaking keep only the
 * hash, bucketing and URL checks the SDK calls.
 */
export const pureRules = {
  name: "pure-rules",
  setup(build) {
    build.onResolve({ filter: /^@nudge\/rules$/ }, () => ({
      path: resolve(rulesSrc, "index.ts"),
      sideEffects: false,
    }));
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.importer.startsWith(rulesSrc)
        ? {
            path: resolve(dirname(args.importer), args.path.replace(/\.js$/, ".ts")),
            sideEffects: false,
          }
        : undefined,
    );
  },
};

/** Stylesheets are imported as their minified text (see src/dom/styles.css). */
export const cssText = {
  name: "css-text",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const { code } = await esbuild.transform(source, { loader: "css", minify: true });
      // esbuild keeps the spaces in custom property values; they are never significant here.
      const text = code.trim().replace(/([:,]) /g, "$1");
      return { contents: `export default ${JSON.stringify(text)};`, loader: "js" };
    });
  },
};

export const common = {
  bundle: true,
  target: ["chrome100", "firefox100", "safari15.4"],
  plugins: [pureRules, cssText],
  logLevel: "warning",
  legalComments: "none",
};

/**
 * esbuild's minified output through oxc's minifier (rolldown's, the one Vite 8 ships with): its
 * compressor saves ~3% more after gzip, what the content chunk's loader costs the core.
 */
export function squeeze(code, module) {
  const result = minifySync(module ? "a.mjs" : "a.js", code, {
    module,
    compress: { target: "es2022" },
    mangle: true,
  });
  if (result.errors.length > 0) throw new Error(result.errors[0].message);
  return result.code;
}

/** The script-tag build in memory: what the size check measures, and what ships. */
export async function bundle() {
  const result = await esbuild.build({
    ...common,
    entryPoints: [resolve(here, "src/iife.ts")],
    format: "iife",
    minify: true,
    write: false,
  });
  return new TextEncoder().encode(squeeze(result.outputFiles[0].text, false));
}

/**
 * The content chunk (src/chunk/content-chunk.ts) in memory: an ES module the SDK imports from
 * `/sdk/<version>/content.js` when a step has rich content or translations.
 */
export async function contentChunk() {
  const result = await esbuild.build({
    ...common,
    entryPoints: [resolve(here, "src/chunk/content-chunk.ts")],
    format: "esm",
    minify: true,
    write: false,
  });
  return new TextEncoder().encode(squeeze(result.outputFiles[0].text, true));
}

export async function build() {
  const dist = resolve(here, "dist");
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(resolve(dist, "nudge.iife.js"), await bundle());
  writeFileSync(resolve(dist, "content.js"), await contentChunk());
  await esbuild.build({
    ...common,
    entryPoints: [resolve(here, "src/index.ts")],
    outfile: resolve(dist, "nudge.esm.js"),
    format: "esm",
    // Without whitespace minification esbuild keeps the comments that stop bundlers from
    // resolving the content chunk's URL; the app's own bundler minifies the rest.
    minifySyntax: true,
    minifyIdentifiers: true,
    sourcemap: true,
  });
  const tsc = resolve(here, "../../node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", resolve(here, "tsconfig.build.json")], {
    stdio: "inherit",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await build();
}
