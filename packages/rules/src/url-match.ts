/**
 * Whether a trigger's `urlRegex` matches `location.pathname` (SPEC §2): unanchored search like
 * RegExp#test, no flags. No regex means every path; a regex that does not compile matches
 * nothing. ReDoS safety is checked when the message is saved (and by isLikelySafeRegex in the
 * SDK); this stays tiny because the browser SDK bundles it.
 */
export function matchesPath(urlRegex: string | null | undefined, path: string): boolean {
  if (urlRegex == null || urlRegex === "") return true;
  if (typeof urlRegex !== "string" || typeof path !== "string") return false;
  try {
    return new RegExp(urlRegex).test(path);
  } catch {
    return false;
  }
}
