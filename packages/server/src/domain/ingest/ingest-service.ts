import { randomUUID } from "node:crypto";
import type { IdentifyInput, IngestEvent, InteractionType, TrackInput } from "@nudge/schema";
import { notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import type { EventRow, IngestStore, InteractionRow } from "./ports.js";

/** SDK event names that are also interactions, so one request feeds both analytics and caps. */
const messageEvents: Record<string, InteractionType> = {
  message_impression: "impression",
  message_dismiss: "dismiss",
  message_cta_click: "cta_click",
  message_complete: "complete",
};

/** Own keys only: an event named "constructor" or "toString" is a custom event, not a message's. */
const interactionOf = (event: string): InteractionType | undefined =>
  Object.hasOwn(messageEvents, event) ? messageEvents[event] : undefined;

export const milestoneEvent = "$milestone";

/** Client time is trusted for the past (offline queues), clamped to server time for the future. */
export function eventTime(timestamp: string | number | undefined, now: number): number {
  if (timestamp === undefined) return now;
  const ms = typeof timestamp === "number" ? timestamp : Date.parse(timestamp);
  return Number.isFinite(ms) ? Math.min(ms, now) : now;
}

export class IngestService {
  constructor(private readonly clock: Clock) {}

  /** Batch ingest; idempotent by uuid; message events for other products' ids are not counted. */
  async events(
    store: IngestStore,
    batch: IngestEvent[],
  ): Promise<{ accepted: number; duplicates: number }> {
    const now = this.clock.now();
    // Interactions and milestones follow the person (caps and triggers read one id); events
    // are kept as sent, and their one per-user reader follows merged_into (ADR 0011). So only
    // the ids of those items are looked up: a quarter of a typical batch, not all of it.
    const personal = batch.filter((e) => interactionOf(e.event) || e.event === milestoneEvent);
    const links = await store.resolveIds([...new Set(personal.map((e) => e.distinctId))]);
    const person = (id: string) => links.get(id) ?? id;
    const referenced = batch.flatMap((e) => {
      const id = e.properties?.messageId;
      return interactionOf(e.event) && typeof id === "string" ? [id] : [];
    });
    const known = await store.existingMessages([...new Set(referenced)]);

    const events: EventRow[] = [];
    const interactions: InteractionRow[] = [];
    const milestones: { distinctId: string; name: string }[] = [];
    for (const e of batch) {
      const properties = e.properties ?? {};
      const row: EventRow = {
        uuid: e.uuid,
        event: e.event,
        distinctId: e.distinctId,
        properties,
        ts: eventTime(e.timestamp, now),
      };
      events.push(row);
      const distinctId = person(e.distinctId);
      const type = interactionOf(e.event);
      const messageId = properties.messageId;
      if (type && typeof messageId === "string" && known.has(messageId)) {
        interactions.push({
          uuid: e.uuid,
          messageId,
          distinctId,
          type,
          step: stepOf(properties.step),
          variantKey:
            typeof properties.variantKey === "string" ? properties.variantKey.slice(0, 80) : null,
          ts: row.ts,
        });
      }
      if (e.event === milestoneEvent && typeof properties.name === "string" && properties.name) {
        milestones.push({ distinctId, name: properties.name.slice(0, 200) });
      }
    }
    return store.write({ events, interactions, milestones, receivedAt: now });
  }

  /** `POST /messages/:id/track`: one interaction, mirrored as its `message_*` event. */
  async track(
    store: IngestStore,
    messageId: string,
    input: TrackInput,
  ): Promise<{ accepted: number; duplicates: number }> {
    if (!(await store.existingMessages([messageId])).has(messageId)) throw notFound("Message");
    const event = Object.entries(messageEvents).find(([, type]) => type === input.type)?.[0] ?? "";
    return this.events(store, [
      {
        uuid: input.uuid ?? randomUUID(),
        event,
        distinctId: input.distinctId,
        properties: {
          messageId,
          ...(input.step === undefined ? {} : { step: input.step }),
          ...(input.variantKey === undefined ? {} : { variantKey: input.variantKey }),
        },
        ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
      },
    ]);
  }

  async identify(store: IngestStore, input: IdentifyInput): Promise<void> {
    await store.identify({
      distinctId: input.distinctId,
      traits: input.traits ?? {},
      ...(input.anonymousId ? { anonymousId: input.anonymousId } : {}),
      now: this.clock.now(),
    });
  }
}

function stepOf(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 20
    ? value
    : null;
}
