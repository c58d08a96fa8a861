import { z } from "zod";
import { boundedFilterSchema } from "./filter.js";
import { triggerTypes } from "./message.js";

/** Limits of one ingest request, documented in the README. */
export const ingestLimits = { maxEvents: 500, maxBytes: 512 * 1024 } as const;

export const distinctIdSchema = z.string().min(1).max(200);
const uuid = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "must be 8–100 letters, digits, - or _");
/** ISO-8601 with offset, or epoch milliseconds. */
const timestamp = z.union([z.iso.datetime({ offset: true }), z.number().int().min(0).max(8.64e15)]);
const properties = z.record(z.string().max(200), z.unknown());

export const interactionTypes = ["impression", "dismiss", "cta_click", "complete"] as const;
export const interactionTypeSchema = z.enum(interactionTypes);
export type InteractionType = z.infer<typeof interactionTypeSchema>;

export const trackSchema = z
  .strictObject({
    type: interactionTypeSchema,
    distinctId: distinctIdSchema,
    variantKey: z.string().max(80).optional(),
    step: z.number().int().min(0).max(19).optional(),
    uuid: uuid.optional(),
    timestamp: timestamp.optional(),
    userHash: z.string().max(200).optional(),
  })
  .meta({ id: "TrackRequest" });
export type TrackInput = z.infer<typeof trackSchema>;

export const ingestEventSchema = z.strictObject({
  uuid,
  event: z.string().min(1).max(200),
  distinctId: distinctIdSchema,
  properties: properties.optional(),
  timestamp: timestamp.optional(),
  userHash: z.string().max(200).optional(),
});
export type IngestEvent = z.infer<typeof ingestEventSchema>;

export const eventBatchSchema = z
  .strictObject({ batch: z.array(ingestEventSchema).min(1) })
  .meta({ id: "EventBatch" });

export const ingestResultSchema = z
  .object({ accepted: z.number().int(), duplicates: z.number().int() })
  .meta({ id: "IngestResult" });

export const identifySchema = z
  .strictObject({
    distinctId: distinctIdSchema,
    traits: z.record(z.string().min(1).max(200), z.unknown()).optional(),
    anonymousId: distinctIdSchema.optional(),
    userHash: z.string().max(200).optional(),
  })
  .meta({ id: "IdentifyRequest" });
export type IdentifyInput = z.infer<typeof identifySchema>;

export const activeQuerySchema = z
  .strictObject({
    distinct_id: distinctIdSchema.optional(),
    user_id: distinctIdSchema.optional(),
    trigger: z.enum(triggerTypes).optional(),
    user_hash: z.string().max(200).optional(),
    api_key: z.string().max(200).optional(),
  })
  .refine((q) => q.distinct_id !== undefined || q.user_id !== undefined, {
    path: ["distinct_id"],
    message: "distinct_id (or user_id) is required",
  });

export const scoreSchema = z.strictObject({ churnProb: z.number().min(0).max(1) });
export const bulkScoresSchema = z.strictObject({
  scores: z
    .array(z.strictObject({ distinctId: distinctIdSchema, churnProb: z.number().min(0).max(1) }))
    .min(1)
    .max(10_000),
});

export const segmentInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(""),
    filter: boundedFilterSchema,
  })
  .meta({ id: "SegmentWrite" });
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export const segmentSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    name: z.string(),
    description: z.string(),
    filter: boundedFilterSchema,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Segment" });
export type Segment = z.infer<typeof segmentSchema>;
