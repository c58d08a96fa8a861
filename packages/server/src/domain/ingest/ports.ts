import type { InteractionType } from "@nudge/schema";

export interface EventRow {
  uuid: string;
  event: string;
  distinctId: string;
  properties: Record<string, unknown>;
  ts: number;
}

export interface InteractionRow {
  uuid: string;
  messageId: string;
  distinctId: string;
  type: InteractionType;
  step: number | null;
  variantKey: string | null;
  ts: number;
}

export interface IngestBatch {
  events: EventRow[];
  interactions: InteractionRow[];
  milestones: { distinctId: string; name: string }[];
  receivedAt: number;
}

/** Writes of client data for one product. Each call is one transaction: all or nothing. */
export interface IngestStore {
  readonly productId: string;
  /** Resolves linked anonymous ids to the person they were merged into. */
  resolveIds(distinctIds: string[]): Promise<Map<string, string>>;
  /** Which of these message ids exist in this product. */
  existingMessages(messageIds: string[]): Promise<Set<string>>;
  /** Inserts, skipping uuids already stored; answers how many were new. */
  write(batch: IngestBatch): Promise<{ accepted: number; duplicates: number }>;
  /** Merges traits (last write wins per key) and, with an anonymous id, moves its history over. */
  identify(input: {
    distinctId: string;
    traits: Record<string, unknown>;
    anonymousId?: string;
    now: number;
  }): Promise<void>;
}
