import type { StepActions, StepView } from "../core/platform.js";
import { version } from "../version.js";

/** What the content chunk (src/chunk/content-chunk.ts) exports. */
export interface ContentChunk {
  /**
   * The step in the user's locale, with its block content built, and what to add to the card
   * once built: lang and dir, the content, the content buttons' CTA clicks.
   */
  dress(
    view: StepView,
    root: ShadowRoot,
    preferred: unknown,
    actions: StepActions,
  ): { view: StepView; dress(card: HTMLElement, body: HTMLElement): void };
}

let loading: Promise<ContentChunk> | undefined;

/**
 * Loads the content chunk once, from the Nudge server's immutable versioned URL: a module
 * import, which a strict CSP allows for an allowed script origin and Trusted Types does not
 * police (only DOM sinks). The comments keep bundlers of the ES module build from resolving it.
 * A failed load is forgotten, so the next rich step tries again (the network may be back).
 */
export const loadContent = (host: string): Promise<ContentChunk> =>
  (loading ??= import(
    /* webpackIgnore: true */ /* @vite-ignore */ `${host}/sdk/${version}/content.js`
  ).catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
