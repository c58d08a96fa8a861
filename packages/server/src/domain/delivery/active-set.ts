import type { AttentionBudget, Filter, RuleMessage } from "@nudge/rules";
import type { Message, Product } from "@nudge/schema";
import type { ActiveSetSource } from "./ports.js";

/** One logical campaign as delivered: a plain message today, the arms of an experiment later. */
export interface CampaignEntry {
  /** The campaign's key: the message id (for an experiment, its control message's id). */
  key: string;
  /** What the rules evaluate (status, schedule, audience, frequency of the campaign). */
  rule: RuleMessage;
  triggerType: Message["trigger"]["type"];
  milestone: string | null;
  /** The client JSON of this entry, serialised once per cache load, not per request. */
  json: string;
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
  const product: Product | null = source.product;
  const live = source.messages
    .filter((m) => m.status === "active")
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? 1 : -1));
  const entries = live.map(toEntry);
  const campaignOf = new Map<string, string>();
  const budgetExempt = new Set<string>();
  for (const m of source.messages) {
    campaignOf.set(m.id, m.id);
    if (m.ignoreBudget) budgetExempt.add(m.id);
  }
  return {
    productId,
    autoRender: product?.autoRender ?? false,
    attentionBudget: product?.attentionBudget ?? null,
    entries,
    segments: Object.fromEntries(source.segments.map((s) => [s.id, s.filter as Filter])),
    campaignOf,
    budgetExempt,
    thresholds,
  };
}

export function toEntry(message: Message): CampaignEntry {
  const { id, name, priority, trigger, frequency, appearance, steps, schedule } = message;
  return {
    key: id,
    rule: {
      id,
      status: message.status,
      audience: message.audience as RuleMessage["audience"],
      frequency,
      schedule,
      experimentId: message.experimentId,
      ignoreBudget: message.ignoreBudget,
    },
    triggerType: trigger.type,
    milestone: trigger.type === "milestone" ? trigger.milestone : null,
    json: JSON.stringify({ id, name, priority, trigger, frequency, appearance, schedule, steps }),
  };
}
