// Bundles the server for `npm start`: our workspace packages (TypeScript sources) are inlined,
// npm dependencies stay external. Running a bundle instead of tsx avoids on-the-fly transpiling
// and tsx's keepNames wrappers, which measurably slowed the hot path.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@nudge/"));

await build({
  // main.js is the server; cli.js is the `nudge` command (backup, restore).
  entryPoints: ["main", "cli"].map((name) => new URL(`./src/${name}.ts`, import.meta.url).pathname),
  outdir: new URL("./dist", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: [...external, "@stdlib/*"],
  logLevel: "warning",
});
