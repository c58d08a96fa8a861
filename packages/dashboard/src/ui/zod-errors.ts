import { formatPath } from "@nudge/schema";

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** zod issues → `{ "steps.1.selector": "a tooltip needs a selector" }`, first message per path. */
export function issuesToFieldMap(issues: readonly Issue[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const issue of issues) map[formatPath(issue.path)] ??= issue.message;
  return map;
}
