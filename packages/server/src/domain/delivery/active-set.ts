import {
  type AttentionBudget,
  type AudienceGate,
  type CompiledFilter,
  compileAudience,
  compileVisibility,
  type EvalContext,
  type Filter,
  parseInstant,
  type RuleMessage,
  type Visibility,
} from "@nudge/rules";
import type { Experiment, Message } from "@nudge/schema";
import { type ClientJson, clientJson } from "./client-json.js";
import type { ActiveSetSource } from "./ports.js";

/** What the rules evaluate for one deliverable message, and its client JSON (serialised once). */
export interface Deliverable extends ClientJson {
  rule: RuleMessage;
  /**
   * The audience compiled against the set's segments and thresholds: false means the audience
   * rule fails for sure, so the hot path skips the full rules (see compileAudience).
   */
  gate: AudienceGate;
  /**
   * isVisible() compiled for this rule in the set's context (compileVisibility), for a user
   * whose audience gate already passed.
   */
  visible: Visibility;
}

/** A deliverable's hot-path predicates, compiled against the set's context. */
type Predicates = Pick<Deliverable, "gate" | "visible">;
type CompileOf = (rule: RuleMessage) => Predicates;
const everyone: AudienceGate = () => true;
/** Outside a set (diagnose) nothing is compiled: explain() runs the full rules instead. */
const uncompiled: CompileOf = () => ({
  gate: everyone,
  visible: () => {
    throw new Error("visible() is compiled only for entries of an active set");
  },
});

/** One arm of an experiment as delivered. */
export interface ArmEntry extends Deliverable {
  key: string;
  weight: number;
  /** Only active arm messages render; a user bucketed into another arm sees nothing. */
  live: boolean;
}

/** One logical campaign: a plain message, or the arms of an experiment grouped under its control. */
export interface CampaignEntry extends Deliverable {
  /**
   * The widest window in which any arm's schedule can be live (epoch ms, open ends as ±∞).
   * Outside it the schedule rule fails for sure, so the hot path skips the entry without
   * evaluating it; inside it the full rules still decide.
   */
  window: { from: number; until: number };
  /** The campaign's key: the message id, or for an experiment its control message's id. */
  key: string;
  priority: number;
  triggerType: Message["trigger"]["type"];
  milestone: string | null;
  /** For an experiment: every arm's weight (bucketing must see all arms) and the arms present. */
  experiment: {
    id: string;
    flagKey: string;
    weights: { key: string; weight: number }[];
    arms: ArmEntry[];
  } | null;
}

/** The narrow, cached read model of what a product may deliver (GUIDE practice 5). */
export interface ActiveSet {
  productId: string;
  autoRender: boolean;
  attentionBudget: AttentionBudget | null;
  /** Highest priority first; ties broken by newest message. */
  entries: CampaignEntry[];
  segments: Record<string, Filter>;
  /** message id → campaign key, to sum a user's history over an experiment's arms. */
  campaignOf: Map<string, string>;
  /** Messages whose impressions do not count toward the attention budget. */
  budgetExempt: Set<string>;
  /** topN → score threshold, for every topN an active audience uses. */
  thresholds: Map<number, number>;
  /** What the rules read besides the user, built once per set rather than per request. */
  context: EvalContext;
  /** The entries live in [from, until): see entriesLiveAt. */
  live: { from: number; until: number; entries: CampaignEntry[] };
}

/**
 * The entries whose schedule window contains `now`, in priority order. Most of a product's
 * messages are usually ended or upcoming; this drops them once per window edge instead of
 * testing each one on every request. The cached slot is valid between the nearest edges around
 * the instant it was computed for, so it is right for any `now`, even one that moves back.
 */
export function entriesLiveAt(set: ActiveSet, now: number): CampaignEntry[] {
  if (now >= set.live.from && now < set.live.until) return set.live.entries;
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const entries: CampaignEntry[] = [];
  for (const entry of set.entries) {
    const w = entry.window;
    if (now < w.from) until = Math.min(until, w.from);
    else if (now >= w.until) from = Math.max(from, w.until);
    else {
      from = Math.max(from, w.from);
      until = Math.min(until, w.until);
      entries.push(entry);
    }
  }
  set.live = { from, until, entries };
  return entries;
}

export function topNsOf(messages: Message[]): number[] {
  const values = new Set<number>();
  for (const m of messages) {
    if (m.audience?.type === "score" && m.audience.topN !== undefined) values.add(m.audience.topN);
  }
  return [...values];
}

export function buildActiveSet(
  productId: string,
  source: ActiveSetSource,
  thresholds: Map<number, number>,
): ActiveSet {
  const segments = Object.fromEntries(source.segments.map((s) => [s.id, s.filter as Filter]));
  const attentionBudget = source.product?.attentionBudget ?? null;
  const context: EvalContext = {
    segments,
    topNThreshold: (topN) => thresholds.get(topN) ?? Number.POSITIVE_INFINITY,
    attentionBudget,
    enforcer: "server",
  };
  const compiledSegments = new Map<string, CompiledFilter>();
  const compile: CompileOf = (rule) => ({
    gate: compileAudience(rule.audience, context, compiledSegments),
    // The gate runs first in visibleEntries, so the compiled rules need not repeat it.
    visible: compileVisibility(rule, context, everyone),
  });
  const byId = new Map(source.messages.map((m) => [m.id, m]));
  const campaignOf = new Map<string, string>();
  const budgetExempt = new Set(source.budgetExemptIds);
  for (const m of source.messages) campaignOf.set(m.id, m.id);
  const entries: CampaignEntry[] = [];
  const grouped = new Set<string>();
  for (const experiment of source.experiments) {
    const entry = experimentEntry(experiment, byId, compile);
    for (const arm of experiment.arms) {
      campaignOf.set(arm.messageId, experiment.controlMessageId);
      grouped.add(arm.messageId);
    }
    if (entry) entries.push(entry);
  }
  for (const m of source.messages) {
    if (m.status === "active" && !grouped.has(m.id)) entries.push(toEntry(m, compile));
  }
  entries.sort((a, b) => b.priority - a.priority || (a.key < b.key ? 1 : -1));
  return {
    productId,
    autoRender: source.product?.autoRender ?? false,
    attentionBudget,
    entries,
    segments,
    campaignOf,
    budgetExempt,
    thresholds,
    context,
    // Empty range: the first request computes it.
    live: { from: 0, until: 0, entries: [] },
  };
}

/** Never narrower than the schedule rule: an unparseable bound leaves that side open. */
function windowOf(messages: Message[]): { from: number; until: number } {
  let from = Number.POSITIVE_INFINITY;
  let until = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    from = Math.min(from, parseInstant(m.schedule.startsAt) ?? Number.NEGATIVE_INFINITY);
    until = Math.max(until, parseInstant(m.schedule.endsAt) ?? Number.POSITIVE_INFINITY);
  }
  return { from, until };
}

function ruleOf(message: Message): RuleMessage {
  return {
    id: message.id,
    status: message.status,
    audience: message.audience as RuleMessage["audience"],
    frequency: message.frequency,
    schedule: message.schedule,
    experimentId: message.experimentId,
    ignoreBudget: message.ignoreBudget,
  };
}

function clientFields(m: Message) {
  const { id, name, priority, trigger, frequency, appearance, schedule, steps } = m;
  return { id, name, priority, trigger, frequency, appearance, schedule, steps };
}

export function toEntry(message: Message, compile: CompileOf = uncompiled): CampaignEntry {
  const rule = ruleOf(message);
  return {
    key: message.id,
    priority: message.priority,
    rule,
    ...compile(rule),
    triggerType: message.trigger.type,
    milestone: message.trigger.type === "milestone" ? message.trigger.milestone : null,
    ...clientJson(clientFields(message)),
    window: windowOf([message]),
    experiment: null,
  };
}

/**
 * The arms of an experiment as one campaign under its control's id (SPEC §5): the `variants`
 * map holds the live arms; each arm's JSON is pre-serialised with itself as `assignedVariant`.
 */
function experimentEntry(
  experiment: Experiment,
  byId: Map<string, Message>,
  compile: CompileOf,
): CampaignEntry | null {
  const control = byId.get(experiment.controlMessageId);
  const present = experiment.arms.flatMap((arm) => {
    const message = byId.get(arm.messageId);
    return message ? [{ arm, message }] : [];
  });
  const live = present.filter(({ message }) => message.status === "active");
  if (!control || live.length === 0) return null;
  const variants = Object.fromEntries(
    live.map(({ arm, message }) => [
      arm.key,
      {
        messageId: message.id,
        steps: message.steps,
        appearance: message.appearance,
        trigger: message.trigger,
      },
    ]),
  );
  const arms = experiment.arms.map(({ key, weight }) => ({ key, weight }));
  const armEntries: ArmEntry[] = present.map(({ arm, message }) => {
    const rule = ruleOf(message);
    return {
      key: arm.key,
      weight: arm.weight,
      live: message.status === "active",
      rule,
      ...compile(rule),
      ...clientJson({
        ...clientFields(message),
        id: control.id,
        experimentId: experiment.id,
        flagKey: experiment.flagKey,
        variants,
        arms,
        assignedVariant: arm.key,
      }),
    };
  });
  const lead = live[0]!.message;
  const leadRule = ruleOf(lead);
  const leadArm = armEntries.find((a) => a.live)!;
  return {
    key: control.id,
    priority: Math.max(...live.map(({ message }) => message.priority)),
    rule: leadRule,
    ...compile(leadRule),
    triggerType: lead.trigger.type,
    milestone: lead.trigger.type === "milestone" ? lead.trigger.milestone : null,
    json: leadArm.json,
    ...(leadArm.personalize && { personalize: leadArm.personalize }),
    window: windowOf(live.map(({ message }) => message)),
    experiment: { id: experiment.id, flagKey: experiment.flagKey, weights: arms, arms: armEntries },
  };
}
