import type { Message, MessageCreate, MessageListQuery, MessageStatus } from "@nudge/schema";

/** The author-owned fields of a message, defaults applied. */
export type MessageFields = MessageCreate;

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/** Messages of ONE product: built by `stores.forProduct(id)`, it cannot name another product. */
export interface MessageStore {
  readonly productId: string;
  /** Inserts unless the product already holds `maxMessages`; the count and insert are atomic. */
  create(
    message: { id: string; fields: MessageFields },
    now: number,
    maxMessages: number | undefined,
  ): Promise<Message | "limit_reached">;
  get(id: string): Promise<Message | null>;
  list(query: MessageListQuery): Promise<MessagePage>;
  /** Compare-and-swap on `version`: a stale editor gets "version_conflict", never a lost update. */
  update(
    id: string,
    fields: MessageFields,
    expectedVersion: number,
    now: number,
  ): Promise<Message | "not_found" | "version_conflict">;
  delete(id: string): Promise<boolean>;
  countByStatus(): Promise<Record<MessageStatus, number>>;
}

export type { Message, MessageStatus };
