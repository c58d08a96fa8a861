import { hasPlaceholder, personalizeStep, type Traits } from "@nudge/content";
import type { Step } from "@nudge/schema";

/** A campaign's client object: its steps, and for an experiment every live arm's steps. */
interface ClientObject {
  steps: Step[];
  variants?: Record<string, { steps: Step[] }>;
}

/** Pre-serialised client JSON, and for a message with placeholders its per-user variant. */
export interface ClientJson {
  json: string;
  /** Set only when the JSON holds `{{`: the JSON with one user's traits filled in. */
  personalize?: (traits: Traits) => string;
}

const personalized = (steps: Step[], traits: Traits) =>
  steps.map((step) => personalizeStep(step, traits));

/**
 * Serialises a client object once, when the active set is built. Most messages have no
 * placeholder, and the hot path keeps concatenating their JSON as it is; only a message whose
 * texts hold `{{` is serialised again per request, with the user's traits (SPEC §8).
 */
export function clientJson<T extends ClientObject>(value: T): ClientJson {
  const json = JSON.stringify(value);
  if (!hasPlaceholder(json)) return { json };
  return {
    json,
    personalize: (traits) =>
      JSON.stringify({
        ...value,
        steps: personalized(value.steps, traits),
        ...(value.variants && {
          variants: Object.fromEntries(
            Object.entries(value.variants).map(([key, arm]) => [
              key,
              { ...arm, steps: personalized(arm.steps, traits) },
            ]),
          ),
        }),
      }),
  };
}
