import type { Segment, SegmentInput } from "@nudge/schema";

export interface SegmentStore {
  list(): Promise<Segment[]>;
  get(id: string): Promise<Segment | null>;
  create(id: string, input: SegmentInput, now: number): Promise<Segment>;
  update(id: string, input: SegmentInput, now: number): Promise<Segment | null>;
  delete(id: string): Promise<boolean>;
  /** Ids of messages whose audience is this segment. */
  usedBy(id: string): Promise<string[]>;
  /** Pages through the product's people (linked anonymous ids excluded), `pageSize` at a time. */
  eachUserPage(
    pageSize: number,
    visit: (users: { distinctId: string; traits: Record<string, unknown> }[]) => void,
  ): Promise<void>;
}

export interface ScoreStore {
  /** Upserts scores; users not seen before are created. */
  upsert(scores: { distinctId: string; churnProb: number }[], now: number): Promise<void>;
}
