import type { Message, MessageCreate, MessageListQuery, MessagePatch } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import { newId } from "../ids.js";
import type { PlanLimits } from "../tenancy/ports.js";
import { fieldsOf } from "./fields-of.js";
import type { MessageFields, MessagePage, MessageStore } from "./ports.js";
import { assertSafeUrlRegex } from "./regex-safety.js";
import { assertAllowedVideos } from "./video-check.js";

/** Authoring rules for messages; storage is given, already scoped to one product. */
export class MessageService {
  constructor(
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  async create(store: MessageStore, limits: PlanLimits, input: MessageCreate): Promise<Message> {
    checkFields(input);
    const created = await store.create(
      { id: newId("msg"), fields: input },
      this.clock.now(),
      limits.maxMessagesPerProduct,
    );
    if (created === "limit_reached") {
      throw new AppError(
        "plan_limit_exceeded",
        `Your plan allows ${limits.maxMessagesPerProduct} message(s) per product; delete one or raise the limit`,
      );
    }
    this.invalidation.publish(store.productId);
    return created;
  }

  list(store: MessageStore, query: MessageListQuery): Promise<MessagePage> {
    return store.list(query);
  }

  async get(store: MessageStore, id: string): Promise<Message> {
    const message = await store.get(id);
    if (!message) throw notFound("Message");
    return message;
  }

  async replace(
    store: MessageStore,
    id: string,
    input: MessageFields & { version: number },
  ): Promise<Message> {
    const { version, ...fields } = input;
    checkFields(fields);
    return this.save(store, id, fields, version);
  }

  async patch(store: MessageStore, id: string, patch: MessagePatch): Promise<Message> {
    const current = await this.get(store, id);
    const { version, ...changes } = patch;
    if (current.version !== version) throw versionConflict(current.version);
    const fields: MessageFields = { ...fieldsOf(current), ...definedOnly(changes) };
    checkFields(fields);
    return this.save(store, id, fields, version);
  }

  async delete(store: MessageStore, id: string): Promise<void> {
    if (!(await store.delete(id))) throw notFound("Message");
    this.invalidation.publish(store.productId);
  }

  private async save(
    store: MessageStore,
    id: string,
    fields: MessageFields,
    version: number,
  ): Promise<Message> {
    const saved = await store.update(id, fields, version, this.clock.now());
    if (saved === "not_found") throw notFound("Message");
    if (saved === "version_conflict") {
      const latest = await store.get(id);
      throw versionConflict(latest?.version);
    }
    this.invalidation.publish(store.productId);
    return saved;
  }
}

/**
 * Checks that need more than the schema: the ReDoS analysis of the trigger's URL regex, and
 * the video hosts of rich content.
 */
function checkFields(fields: MessageFields): void {
  if ("urlRegex" in fields.trigger) assertSafeUrlRegex("trigger.urlRegex", fields.trigger.urlRegex);
  assertAllowedVideos(fields);
}

function versionConflict(latest: number | undefined): AppError {
  const current = latest === undefined ? "" : ` (it is now at version ${latest})`;
  return new AppError(
    "version_conflict",
    `This message was changed by someone else since you loaded it${current}; reload and reapply your edits`,
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
