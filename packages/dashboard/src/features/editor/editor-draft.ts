import type {
  Appearance,
  Audience,
  Filter,
  Frequency,
  Message,
  MessageReplace,
  MessageStatus,
  Schedule,
  Step,
  Trigger,
} from "@nudge/schema";

/**
 * The editor's working copy. It keeps the fields of every trigger and audience type, so that
 * switching a select back and forth never loses what was typed; `payloadOf` keeps what applies.
 */
export interface TriggerForm {
  type: Trigger["type"];
  event: string;
  milestone: string;
  urlRegex: string;
  delaySeconds: number | "";
}

export type AudienceKind = "none" | "score" | "segment" | "traits";

export interface AudienceForm {
  type: AudienceKind;
  churnProbGt: number | "";
  topN: number | "";
  segmentId: string | null;
  filter: Filter;
}

/** A step plus a client-only key, so drag and drop can follow it through reorders. */
export type DraftStep = Step & { key: string };

export interface EditorDraft {
  name: string;
  status: MessageStatus;
  trigger: TriggerForm;
  audience: AudienceForm;
  steps: DraftStep[];
  appearance: Appearance;
  frequency: Frequency;
  schedule: Schedule;
  priority: number;
  ignoreBudget: boolean;
}

let keySeq = 0;
export const newStepKey = () => `step-${++keySeq}`;

export const emptyFilter = (): Filter => ({ and: [{ trait: "", op: "eq", value: "" }] });

function triggerForm(t: Trigger): TriggerForm {
  return {
    type: t.type,
    event: t.type === "event" ? t.event : "$pageview",
    milestone: t.type === "milestone" ? t.milestone : "",
    urlRegex: t.type !== "manual" ? (t.urlRegex ?? "") : "",
    delaySeconds: t.type !== "manual" ? (t.delaySeconds ?? "") : "",
  };
}

function audienceForm(a: Audience | null): AudienceForm {
  return {
    type: a?.type ?? "none",
    churnProbGt: a?.type === "score" ? (a.churnProbGt ?? "") : "",
    topN: a?.type === "score" ? (a.topN ?? "") : "",
    segmentId: a?.type === "segment" ? a.segmentId : null,
    filter: a?.type === "traits" ? a.filter : emptyFilter(),
  };
}

export function draftOf(m: Message, keys: readonly string[] = []): EditorDraft {
  return {
    name: m.name,
    status: m.status,
    trigger: triggerForm(m.trigger),
    audience: audienceForm(m.audience),
    steps: m.steps.map((s, i) => ({ ...s, key: keys[i] ?? newStepKey() })),
    appearance: m.appearance,
    frequency: m.frequency,
    schedule: m.schedule,
    priority: m.priority,
    ignoreBudget: m.ignoreBudget,
  };
}

const text = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);
const num = (v: number | "" | undefined) => (typeof v === "number" ? v : undefined);

/** Drops `undefined` so two payloads compare equal by JSON and the server sees no nulls. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function triggerOf(t: TriggerForm): Trigger {
  const common = { urlRegex: text(t.urlRegex), delaySeconds: num(t.delaySeconds) };
  switch (t.type) {
    case "event":
      return compact({ type: "event" as const, event: t.event.trim(), ...common });
    case "milestone":
      return compact({ type: "milestone" as const, milestone: t.milestone.trim(), ...common });
    case "page":
      return compact({ type: "page" as const, ...common });
    case "manual":
      return { type: "manual" };
  }
}

function audienceOf(a: AudienceForm): Audience | null {
  switch (a.type) {
    case "none":
      return null;
    case "score":
      return compact({
        type: "score" as const,
        churnProbGt: num(a.churnProbGt),
        topN: num(a.topN),
      });
    case "segment":
      return { type: "segment", segmentId: a.segmentId ?? "" };
    case "traits":
      return { type: "traits", filter: a.filter };
  }
}

export function stepOf({ key: _key, ...s }: DraftStep): Step {
  return compact({
    type: s.type,
    selector: text(s.selector)?.trim(),
    title: text(s.title),
    body: s.body,
    imageUrl: text(s.imageUrl),
    ctaText: text(s.ctaText),
    ctaUrl: text(s.ctaUrl),
    dismissible: s.dismissible,
    content: s.content,
    // Not edited here yet, but never dropped: translations imported through the API survive
    // a save from the editor.
    translations: s.translations,
  });
}

/** The PUT body for a draft: exactly the fields the API accepts. */
export function payloadOf(d: EditorDraft, version: number): MessageReplace {
  return {
    name: d.name,
    status: d.status,
    trigger: triggerOf(d.trigger),
    audience: audienceOf(d.audience),
    steps: d.steps.map(stepOf),
    appearance: compact({
      ...d.appearance,
      backgroundColor: text(d.appearance.backgroundColor),
      textColor: text(d.appearance.textColor),
    }),
    frequency: compact({
      cap: d.frequency.cap,
      maxImpressions: num(d.frequency.maxImpressions),
      minIntervalHours: num(d.frequency.minIntervalHours),
      dismissDays: num(d.frequency.dismissDays),
    }),
    schedule: compact({ startsAt: text(d.schedule.startsAt), endsAt: text(d.schedule.endsAt) }),
    priority: d.priority,
    ignoreBudget: d.ignoreBudget,
    version,
  };
}

export const sameContent = (a: EditorDraft, b: EditorDraft) =>
  JSON.stringify(payloadOf(a, 0)) === JSON.stringify(payloadOf(b, 0));
