/**
 * The shapes the SDK reads from `GET /api/v1/messages/active` and the options it takes. They are
 * self-contained (no @nudge/schema import) so the published type declarations stand alone.
 */

export type StepType = "modal" | "banner" | "slideout" | "tooltip";

export interface Step {
  type: StepType;
  /** Required for tooltips: the element the tooltip points at. */
  selector?: string;
  title?: string;
  /** Plain text; each line becomes a paragraph. */
  body: string;
  imageUrl?: string;
  ctaText?: string;
  ctaUrl?: string;
  /** Default true: shows × and lets Escape close the message. */
  dismissible?: boolean;
  /**
   * Rich content (SPEC §8): a block document, rendered by the lazily loaded content chunk in
   * place of `imageUrl` and `body` (which stay the fallback when the chunk cannot load).
   */
  content?: ContentDocument;
  /** Per locale, the texts that replace this step's own; the SDK picks one for the user. */
  translations?: Record<string, StepTranslation>;
}

/** A block document, `{root: {props}, content: [{type, props}]}` (Puck's data shape). */
export interface ContentDocument {
  root?: { props?: Record<string, unknown> };
  content: { type: string; props: Record<string, unknown> }[];
}

export interface StepTranslation {
  title?: string;
  body?: string;
  ctaText?: string;
  ctaUrl?: string;
  content?: ContentDocument;
}

export type Trigger =
  | { type: "event"; event: string; urlRegex?: string; delaySeconds?: number }
  | { type: "page"; urlRegex?: string; delaySeconds?: number }
  | { type: "milestone"; milestone: string; urlRegex?: string; delaySeconds?: number }
  | { type: "manual" };

export type Position = "top" | "bottom" | "center" | "bottom-right" | "bottom-left";

export interface Appearance {
  position?: Position;
  theme?: "light" | "dark" | "auto";
  backgroundColor?: string;
  textColor?: string;
}

export interface Frequency {
  cap?: "ever" | "day" | "session" | "none";
  maxImpressions?: number;
  minIntervalHours?: number;
  dismissDays?: number;
}

/** A plain message as the client API delivers it. */
export interface ActiveMessage {
  id: string;
  name?: string;
  priority?: number;
  trigger: Trigger;
  frequency?: Frequency;
  appearance?: Appearance;
  steps: Step[];
}

/** An A/B test as the client API delivers it: one campaign, one set of steps per arm. */
export interface ActiveExperiment extends Omit<ActiveMessage, "steps"> {
  experimentId: string;
  flagKey: string;
  /** Per arm; an arm may also differ in appearance or trigger. */
  variants: Record<
    string,
    { messageId: string; steps: Step[]; appearance?: Appearance; trigger?: Trigger }
  >;
  arms?: { key: string; weight: number }[];
  assignedVariant?: string | null;
}

export type ActiveEntry = ActiveMessage | ActiveExperiment;

export interface ActiveResponse {
  autoRender: boolean;
  refreshAfterSeconds: number;
  milestones?: string[];
  messages: ActiveEntry[];
}

/** One renderable campaign: a message, or the arm of an experiment this user is in. */
export interface Campaign {
  /** The campaign key (an experiment's entry id): what caps and slots are counted by. */
  key: string;
  /** The message whose steps render: what lifecycle events name. */
  messageId: string;
  variantKey?: string;
  name: string;
  priority: number;
  trigger: Trigger;
  frequency: Frequency;
  appearance: Appearance;
  steps: Step[];
}

export type InteractionType = "impression" | "dismiss" | "cta_click" | "complete";

/** One event as `POST /api/v1/events` takes it. */
export interface SdkEvent {
  uuid: string;
  event: string;
  distinctId: string;
  /** Proves `distinctId` when the product verifies identities. */
  userHash?: string;
  properties?: Record<string, unknown>;
  /** ISO-8601: when it happened, so events sent late from the offline queue keep their time. */
  timestamp: string;
}

/** What host code can listen to with `on(name, fn)`. */
export type HookName =
  | "message_shown"
  | "message_dismissed"
  | "message_completed"
  | "message_cta_clicked"
  | "step_changed"
  | "error";

export interface HookPayload {
  messageId?: string;
  step?: number;
  variantKey?: string;
  error?: unknown;
}

export interface InitOptions {
  /** The publishable key (`pk_…`). */
  apiKey: string;
  /** Where the Nudge server runs; defaults to the origin the script was loaded from. */
  host?: string;
  /** Send `$pageview`, `$click` and `$form_submit` (default true). */
  autocapture?: boolean;
  /** Use this id instead of an anonymous one from the start. */
  distinctId?: string;
  /**
   * With identity verification on: `distinctId`'s hex HMAC-SHA256 under the product's identity
   * secret, computed by your backend (never in the browser).
   */
  userHash?: string;
}
