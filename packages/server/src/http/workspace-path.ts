import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root, found by walking up from this module to the folder holding `packages/`.
 * It works from the TypeScript sources (tsx, tests) and from the bundle in `dist/` alike, where
 * a fixed number of `../` would point somewhere else.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "packages", "server", "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const root = findRoot();

/** A path inside the repository, e.g. `workspacePath("packages/sdk/dist")`. */
export function workspacePath(...segments: string[]): string {
  return join(root, ...segments);
}
