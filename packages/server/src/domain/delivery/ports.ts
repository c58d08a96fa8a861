import type { Experiment, Message, Product, Segment } from "@nudge/schema";

/** A user as the rules see them: identity already resolved through any anonymous-id link. */
export interface UserProfile {
  distinctId: string;
  traits: Record<string, unknown>;
  churnProb: number | null;
  milestones: string[];
}

/** One row of the hot read: a user's interactions with one message, of one type. */
export interface HistoryRow {
  messageId: string;
  type: string;
  count: number;
  last: number;
  countLastDay: number;
  countLastWeek: number;
}

/** Everything delivery needs that changes only when an author writes: cached per product. */
export interface ActiveSetSource {
  product: Product | null;
  messages: Message[];
  segments: Segment[];
  experiments: Experiment[];
  /** Every message (any status) with ignoreBudget: a paused one's past impressions stay exempt. */
  budgetExemptIds: string[];
}

/** Reads for delivery, bound to one product. */
export interface DeliveryStore {
  readonly productId: string;
  loadActiveSet(): Promise<ActiveSetSource>;
  /** The user's profile, following `merged_into` to the person; null when never seen. */
  profile(distinctId: string): Promise<UserProfile | null>;
  /** One indexed range scan: the user's interactions grouped by message and type. */
  history(distinctId: string, now: number): Promise<HistoryRow[]>;
  /**
   * profile() and history() of the person behind `distinctId` together: one round trip where
   * the database is across a network, which is most of a request's cost there.
   */
  snapshot(
    distinctId: string,
    now: number,
  ): Promise<{ profile: UserProfile | null; rows: HistoryRow[] }>;
  /** churnProb at rank topN-1 (rank = users with a strictly greater score), -Infinity if fewer. */
  scoreThreshold(topN: number): Promise<number>;
}
