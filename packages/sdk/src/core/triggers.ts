import { isLikelySafeRegex, matchesPath } from "@nudge/rules";
import type { Trigger } from "./types.js";

const safety = new Map<string, boolean>();

/**
 * Whether `urlRegex` allows `path`. A pattern the static check cannot prove safe from
 * catastrophic backtracking never matches: a bad pattern must not freeze the host page.
 */
export function pathAllowed(urlRegex: string | undefined, path: string): boolean {
  if (!urlRegex) return true;
  let safe = safety.get(urlRegex);
  if (safe === undefined) {
    safe = isLikelySafeRegex(urlRegex).safe;
    safety.set(urlRegex, safe);
  }
  return safe && matchesPath(urlRegex, path);
}

/**
 * Whether an event fires `trigger` (the path is checked separately, also after a delay).
 * Page triggers fire on every `$pageview`; milestone triggers fire on the `$milestone` event that
 * reaches them and, once reached (this session or before, per the server), on every page view.
 */
export function fires(
  trigger: Trigger,
  event: string,
  properties: Record<string, unknown> | undefined,
  milestones: ReadonlySet<string>,
): boolean {
  switch (trigger.type) {
    case "page":
      return event === "$pageview";
    case "event":
      return event === trigger.event;
    case "milestone":
      return (
        milestones.has(trigger.milestone) &&
        (event === "$pageview" ||
          (event === "$milestone" && properties?.name === trigger.milestone))
      );
    default:
      return false;
  }
}
