import { isLikelySafeRegex } from "@nudge/rules";
import { checkSync } from "recheck";
import { invalidField } from "../app-error.js";

const cache = new Map<string, string | null>();

/** recheck's budget per pattern; its first call in a process also warms it up (≈ 0.7 s). */
const recheckTimeoutMs = 2000;

/**
 * Rejects path regexes that can backtrack catastrophically. Two checks must both pass: the
 * SDK's own conservative analysis (a regex it refuses would silently never fire in the browser)
 * and recheck (automata theory plus fuzzing), which finds cases heuristics miss; a result of
 * "unknown" (analysis timed out) is rejected too, failing closed. That refusal is not cached:
 * it says the machine was busy as much as that the pattern is hard (a loaded server timed out
 * on `^/users/[^/]+/settings/(profile|security)$`, which takes 70 ms), so saving again retries.
 */
export function regexProblem(source: string, timeoutMs = recheckTimeoutMs): string | null {
  const known = cache.get(source);
  if (known !== undefined) return known;
  const sdkVerdict = isLikelySafeRegex(source);
  const verdict = sdkVerdict.safe
    ? recheckVerdict(source, timeoutMs)
    : { problem: `may backtrack catastrophically (${sdkVerdict.reason})`, final: true };
  if (verdict.final) {
    if (cache.size > 1000) cache.clear();
    cache.set(source, verdict.problem);
  }
  return verdict.problem;
}

function recheckVerdict(
  source: string,
  timeoutMs: number,
): { problem: string | null; final: boolean } {
  try {
    const diagnostics = checkSync(source, "", { timeout: timeoutMs });
    if (diagnostics.status === "safe") return { problem: null, final: true };
    if (diagnostics.status === "vulnerable") {
      return {
        problem: `can backtrack catastrophically (${diagnostics.complexity.type} time); simplify nested or overlapping repetition`,
        final: true,
      };
    }
    return { problem: "is too complex to prove safe; simplify it", final: false };
  } catch {
    return { problem: "could not be analysed; simplify it", final: false };
  }
}

export function assertSafeUrlRegex(path: string, source: string | undefined): void {
  if (source === undefined || source === "") return;
  const problem = regexProblem(source);
  if (problem) throw invalidField(path, `this regular expression ${problem}`);
}
