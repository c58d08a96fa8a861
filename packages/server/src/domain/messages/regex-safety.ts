import { checkSync } from "recheck";
import { invalidField } from "../app-error.js";

const cache = new Map<string, string | null>();

/**
 * Rejects path regexes that can backtrack catastrophically. recheck (automata theory plus
 * fuzzing) finds exponential and polynomial cases that star-height heuristics miss; a result
 * of "unknown" (analysis timed out) is rejected too, failing closed.
 */
export function regexProblem(source: string): string | null {
  const known = cache.get(source);
  if (known !== undefined) return known;
  let problem: string | null;
  try {
    const diagnostics = checkSync(source, "", { timeout: 2000 });
    if (diagnostics.status === "safe") problem = null;
    else if (diagnostics.status === "vulnerable") {
      problem = `can backtrack catastrophically (${diagnostics.complexity.type} time); simplify nested or overlapping repetition`;
    } else problem = "is too complex to prove safe; simplify it";
  } catch {
    problem = "could not be analysed; simplify it";
  }
  if (cache.size > 1000) cache.clear();
  cache.set(source, problem);
  return problem;
}

export function assertSafeUrlRegex(path: string, source: string | undefined): void {
  if (source === undefined || source === "") return;
  const problem = regexProblem(source);
  if (problem) throw invalidField(path, `this regular expression ${problem}`);
}
