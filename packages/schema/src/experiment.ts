import { z } from "zod";

export const variantKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be lowercase letters, digits or _ (e.g. treatment_2)");

/** What counts as a conversion: a CTA click (default), a completed flow, or a custom event soon after the first impression. */
export const experimentGoalSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("cta_click") }),
  z.strictObject({ type: z.literal("complete") }),
  z.strictObject({
    type: z.literal("event"),
    event: z.string().min(1).max(200),
    withinHours: z.number().int().min(1).max(720),
  }),
]);
export type ExperimentGoal = z.infer<typeof experimentGoalSchema>;

export const guardrailSchema = z.strictObject({
  /** Absolute increase in dismiss rate a treatment may cause before it cannot win, e.g. 0.05. */
  maxDismissRateIncrease: z.number().min(0).max(1),
});
export type Guardrail = z.infer<typeof guardrailSchema>;

export const armSchema = z.object({
  key: variantKeySchema,
  messageId: z.string(),
  weight: z.number().min(0).max(100),
  /** The weight the test ran with, kept when "Apply winner" moves weights to 100/0 (for SRM). */
  testWeight: z.number().min(0).max(100).optional(),
});
export type Arm = z.infer<typeof armSchema>;

export const experimentStatuses = ["running", "applied"] as const;

export const experimentSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    flagKey: z.string(),
    controlMessageId: z.string(),
    arms: z.array(armSchema),
    goal: experimentGoalSchema,
    guardrail: guardrailSchema.nullable(),
    status: z.enum(experimentStatuses),
    winnerKey: z.string().nullable(),
    appliedAt: z.string().nullable(),
    appliedBy: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Experiment" });
export type Experiment = z.infer<typeof experimentSchema>;

export const createVariantSchema = z
  .strictObject({
    variantKey: variantKeySchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .default({});

export const experimentPatchSchema = z.strictObject({
  version: z.number().int().min(1),
  weights: z.record(variantKeySchema, z.number().min(0).max(100)).optional(),
  goal: experimentGoalSchema.optional(),
  guardrail: guardrailSchema.nullable().optional(),
});
export type ExperimentPatch = z.infer<typeof experimentPatchSchema>;

export const applyWinnerSchema = z.strictObject({ variantKey: variantKeySchema });
