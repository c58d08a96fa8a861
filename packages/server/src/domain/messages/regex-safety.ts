import { isLikelySafeRegex } from "@nudge/rules";
import { checkSync } from "recheck";
import { invalidField } from "../app-error.js";

const cache = new Map<string, string | null>();

/**
 * Rejects path regexes that can backtrack catastrophically. Two checks must both pass: the
 * SDK's own conservative analysis (a regex it refuses would silently never fire in the browser)
 * and recheck (automata theory plus fuzzing), which finds cases heuristics miss; a result of
 * "unknown" (analysis timed out) is rejected too, failing closed.
 */
export function regexProblem(source: string): string | null {
  const known = cache.get(source);
  if (known !== undefined) return known;
  const sdkVerdict = isLikelySafeRegex(source);
  const problem = sdkVerdict.safe
    ? recheckProblem(source)
    : `may backtrack catastrophically (${sdkVerdict.reason})`;
  if (cache.size > 1000) cache.clear();
  cache.set(source, problem);
  return problem;
}

function recheckProblem(source: string): string | null {
  try {
    const diagnostics = checkSync(source, "", { timeout: 2000 });
    if (diagnostics.status === "safe") return null;
    if (diagnostics.status === "vulnerable") {
      return `can backtrack catastrophically (${diagnostics.complexity.type} time); simplify nested or overlapping repetition`;
    }
    return "is too complex to prove safe; simplify it";
  } catch {
    return "could not be analysed; simplify it";
  }
}

export function assertSafeUrlRegex(path: string, source: string | undefined): void {
  if (source === undefined || source === "") return;
  const problem = regexProblem(source);
  if (problem) throw invalidField(path, `this regular expression ${problem}`);
}
