import { z } from "zod";
import { hexColor, idOf, isoDateTime, nonEmptyText, safeUrl, templatedUrl } from "./common.js";
import { blockDocumentSchema } from "./content.js";
import { boundedFilterSchema } from "./filter.js";
import { stepTranslationsSchema } from "./translation.js";

export const messageStatuses = ["draft", "active", "paused"] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** A path regex; whether it compiles is checked here, whether it is ReDoS-safe by the server. */
const urlRegex = z
  .string()
  .max(512)
  .refine((src) => {
    try {
      new RegExp(src);
      return true;
    } catch {
      return false;
    }
  }, "must be a valid regular expression");

const delaySeconds = z.number().int().min(0).max(300);
const eventName = z.string().min(1).max(200);

export const triggerSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("event"),
    event: eventName,
    urlRegex: urlRegex.optional(),
    delaySeconds: delaySeconds.optional(),
  }),
  z.strictObject({
    type: z.literal("page"),
    urlRegex: urlRegex.optional(),
    delaySeconds: delaySeconds.optional(),
  }),
  z.strictObject({
    type: z.literal("milestone"),
    milestone: eventName,
    urlRegex: urlRegex.optional(),
    delaySeconds: delaySeconds.optional(),
  }),
  z.strictObject({ type: z.literal("manual") }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export const triggerTypes = ["event", "page", "milestone", "manual"] as const;

const probability = z.number().min(0).max(1);
export const audienceSchema = z.discriminatedUnion("type", [
  z
    .strictObject({
      type: z.literal("score"),
      churnProbGt: probability.optional(),
      topN: z.number().int().min(1).max(10_000_000).optional(),
    })
    .refine((a) => a.churnProbGt !== undefined || a.topN !== undefined, {
      message: "a score audience needs churnProbGt, topN or both",
    }),
  z.strictObject({ type: z.literal("segment"), segmentId: idOf("seg") }),
  z.strictObject({ type: z.literal("traits"), filter: boundedFilterSchema }),
]);
export type Audience = z.infer<typeof audienceSchema>;

export const stepTypes = ["modal", "banner", "slideout", "tooltip"] as const;
export const stepSchema = z
  .strictObject({
    type: z.enum(stepTypes),
    selector: z.string().trim().min(1).max(500).optional(),
    title: z.string().max(200).optional(),
    body: z.string().max(5000),
    imageUrl: safeUrl.optional(),
    ctaText: z.string().max(100).optional(),
    ctaUrl: templatedUrl.optional(),
    dismissible: z.boolean().default(true),
    content: blockDocumentSchema.optional(),
    /** Per locale, the texts that replace this step's own (SPEC §8; picked by pickLocale). */
    translations: stepTranslationsSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.type === "tooltip" && !step.selector) {
      ctx.addIssue({ code: "custom", path: ["selector"], message: "a tooltip needs a selector" });
    }
  });
export type Step = z.infer<typeof stepSchema>;

export const appearanceSchema = z.strictObject({
  position: z.enum(["top", "bottom", "center", "bottom-right", "bottom-left"]).default("center"),
  theme: z.enum(["light", "dark", "auto"]).default("light"),
  backgroundColor: hexColor.optional(),
  textColor: hexColor.optional(),
});
export type Appearance = z.infer<typeof appearanceSchema>;

export const frequencySchema = z.strictObject({
  cap: z.enum(["ever", "day", "session", "none"]).default("ever"),
  maxImpressions: z.number().int().min(1).max(1_000_000).optional(),
  minIntervalHours: z.number().min(0).max(8760).optional(),
  dismissDays: z.number().min(0).max(3650).optional(),
});
export type Frequency = z.infer<typeof frequencySchema>;

export const scheduleSchema = z
  .strictObject({ startsAt: isoDateTime.optional(), endsAt: isoDateTime.optional() })
  .refine((s) => !s.startsAt || !s.endsAt || Date.parse(s.startsAt) < Date.parse(s.endsAt), {
    path: ["endsAt"],
    message: "must be after startsAt",
  });
export type Schedule = z.infer<typeof scheduleSchema>;

/** The fields an author writes; the server owns ids, versions, timestamps and experiment links. */
export const messageFields = {
  name: nonEmptyText(200),
  status: messageStatusSchema.default("draft"),
  trigger: triggerSchema,
  audience: audienceSchema.nullable().optional(),
  steps: z.array(stepSchema).min(1, "a message needs at least one step").max(20),
  appearance: appearanceSchema.default({ position: "center", theme: "light" }),
  frequency: frequencySchema.default({ cap: "ever" }),
  schedule: scheduleSchema.default({}),
  priority: z.number().int().min(0).max(100).default(50),
  ignoreBudget: z.boolean().default(false),
};

export const messageCreateSchema = z.strictObject(messageFields).meta({ id: "MessageCreate" });
export type MessageCreate = z.infer<typeof messageCreateSchema>;

const version = z.number().int().min(1);

/** PUT: the whole message, plus the `version` the editor started from. */
export const messageReplaceSchema = z
  .strictObject({ ...messageFields, version })
  .meta({ id: "MessageReplace" });
export type MessageReplace = z.infer<typeof messageReplaceSchema>;

/** PATCH: any subset of fields, plus `version`. Defaults are not applied to absent fields. */
export const messagePatchSchema = z
  .strictObject({
    name: messageFields.name.optional(),
    status: messageStatusSchema.optional(),
    trigger: triggerSchema.optional(),
    audience: audienceSchema.nullable().optional(),
    steps: messageFields.steps.optional(),
    appearance: appearanceSchema.optional(),
    frequency: frequencySchema.optional(),
    schedule: scheduleSchema.optional(),
    priority: z.number().int().min(0).max(100).optional(),
    ignoreBudget: z.boolean().optional(),
    version,
  })
  .meta({ id: "MessagePatch" });
export type MessagePatch = z.infer<typeof messagePatchSchema>;

export const messageSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    name: z.string(),
    status: messageStatusSchema,
    trigger: triggerSchema,
    audience: audienceSchema.nullable(),
    steps: z.array(stepSchema),
    appearance: appearanceSchema,
    frequency: frequencySchema,
    schedule: scheduleSchema,
    priority: z.number().int(),
    ignoreBudget: z.boolean(),
    experimentId: z.string().nullable(),
    variantKey: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof messageSchema>;

export const messageListQuerySchema = z.strictObject({
  status: messageStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;

export const messageListSchema = z
  .object({ items: z.array(messageSchema), nextCursor: z.string().nullable() })
  .meta({ id: "MessageList" });
