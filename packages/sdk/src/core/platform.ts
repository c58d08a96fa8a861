import type { SafeStore } from "./store.js";
import type { Campaign, Step } from "./types.js";

/** What a request came back with; status 0 = it never reached the server. */
export interface HttpResult {
  status: number;
  retryAfter?: string | null;
  body?: unknown;
}

/** How core reaches the network; dom/transport.ts is the browser's, tests pass fakes. */
export interface Transport {
  get(url: string): Promise<HttpResult>;
  /** POST a text/plain JSON body (no CORS preflight). */
  post(url: string, body: string): Promise<HttpResult>;
  /** Hand a body to the browser to deliver after the page is gone; false = not queued. */
  beacon(url: string, body: string): boolean;
}

/** What a step's buttons do; the renderer calls these, the player decides what they mean. */
export interface StepActions {
  /** The step is on screen (a tooltip's anchor may appear later than show() is called). */
  shown(): void;
  next(): void;
  done(): void;
  dismiss(): void;
  cta(): void;
  /** The step could not be shown (its anchor never appeared): end quietly, no event. */
  abandon(): void;
}

export interface StepView {
  campaign: Campaign;
  step: Step;
  index: number;
  /** Move keyboard focus into the step: modals always, later tour steps reached by Next. */
  focus: boolean;
}

export interface StepHandle {
  close(): void;
}

/** Draws one step; dom/renderer.ts is the browser's, tests record calls. */
export interface Renderer {
  show(view: StepView, actions: StepActions): StepHandle | null;
}

/** Everything environment-specific core needs, injected so core runs in node tests. */
export interface Platform {
  transport: Transport;
  local: SafeStore;
  session: SafeStore;
  /** location.pathname now. */
  path(): string;
  renderer: Renderer | null;
}
