import type { Experiment } from "@nudge/schema";
import { useState } from "react";

/**
 * A form's working copy of part of the experiment. While untouched it follows the latest version
 * the page knows (a teammate's save loaded by "Keep my edits", a refetch); once edited it is
 * kept until it is saved or the user reloads the other version.
 */
export function useFollowingDraft<D>(experiment: Experiment, draftOf: (e: Experiment) => D) {
  const [draft, setDraft] = useState(() => draftOf(experiment));
  const [base, setBase] = useState(experiment);
  if (base !== experiment) {
    // Adjusting state while rendering (react.dev "storing information from previous renders").
    setBase(experiment);
    if (JSON.stringify(draft) === JSON.stringify(draftOf(base))) setDraft(draftOf(experiment));
  }
  return [draft, setDraft] as const;
}
