import { RE2JS } from "re2js";

const compiled = new Map<string, RE2JS | null>();

/**
 * Tests a user-supplied path regex on the server with RE2's linear-time engine, so no input
 * can make matching backtrack, whatever slipped past the save-time check. Returns null when
 * the regex uses syntax RE2 lacks (lookaround, backreferences).
 */
export function linearMatch(source: string, path: string): boolean | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = RE2JS.compile(source);
    } catch {
      re = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, re);
  }
  return re ? re.matcher(path).find() : null;
}
