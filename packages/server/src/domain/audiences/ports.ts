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

/** Read-only views of the product's people, for authors (placeholders, previews). */
export interface PeopleStore {
  /** Trait keys of the `sample` most recently updated people, with how many carry each. */
  traitKeys(sample: number): Promise<{ keys: Map<string, number>; sampled: number }>;
  /** A person's traits, following an anonymous id to the person it was linked to. */
  traits(
    distinctId: string,
  ): Promise<{ distinctId: string; traits: Record<string, unknown> } | null>;
}
