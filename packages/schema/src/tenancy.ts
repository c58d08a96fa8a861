import { z } from "zod";
import { nonEmptyText } from "./common.js";

export const roles = ["owner", "editor", "viewer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const email = z
  .email()
  .max(320)
  .transform((e) => e.toLowerCase());
// 8 is NIST SP 800-63B's floor; 256 bounds hashing work per request.
const password = z.string().min(8, "must be at least 8 characters").max(256);

export const setupSchema = z
  .strictObject({
    email,
    password,
    organizationName: nonEmptyText(200),
    productName: nonEmptyText(200),
  })
  .meta({ id: "SetupRequest" });
export type SetupInput = z.infer<typeof setupSchema>;

export const setupResultSchema = z
  .object({
    organizationId: z.string(),
    productId: z.string(),
    publishableKey: z.string(),
    secretKey: z.string(),
  })
  .meta({ id: "SetupResult" });

export const loginSchema = z.strictObject({ email, password: z.string().min(1).max(256) });

export const meSchema = z
  .object({
    account: z.object({ id: z.string(), email: z.string() }),
    organizations: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema })),
  })
  .meta({ id: "Me" });

export const attentionBudgetSchema = z.strictObject({
  maxPerDay: z.number().int().min(1).max(1000).optional(),
  maxPerWeek: z.number().int().min(1).max(10_000).optional(),
  minMinutesBetween: z.number().int().min(0).max(100_000).optional(),
});
export type AttentionBudget = z.infer<typeof attentionBudgetSchema>;

export const productSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    autoRender: z.boolean(),
    attentionBudget: attentionBudgetSchema.nullable(),
    identityVerification: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Product" });
export type Product = z.infer<typeof productSchema>;

export const productCreateSchema = z.strictObject({
  name: nonEmptyText(200),
  organizationId: z.string().max(100).optional(),
});

export const productPatchSchema = z.strictObject({
  name: nonEmptyText(200).optional(),
  autoRender: z.boolean().optional(),
  attentionBudget: attentionBudgetSchema.nullable().optional(),
  identityVerification: z.boolean().optional(),
});
export type ProductPatch = z.infer<typeof productPatchSchema>;

/**
 * A product's identity-verification secret: the key the customer's backend uses to compute
 * `userHash = HMAC-SHA256(secret, distinctId)` (hex). Shown to owners, editors and secret keys.
 */
export const identitySecretSchema = z
  .object({ secret: z.string(), createdAt: z.string() })
  .meta({ id: "IdentitySecret" });
export type IdentitySecret = z.infer<typeof identitySecretSchema>;

export const keyTypes = ["publishable", "secret"] as const;
export const keyTypeSchema = z.enum(keyTypes);
export type KeyType = z.infer<typeof keyTypeSchema>;

export const apiKeySchema = z
  .object({
    id: z.string(),
    type: keyTypeSchema,
    name: z.string(),
    /** The first characters of the key, enough to recognise it in a list. */
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyCreateSchema = z.strictObject({
  type: keyTypeSchema,
  name: nonEmptyText(100),
});

/** Returned once, at creation: the only time the whole key is shown. */
export const apiKeyCreatedSchema = apiKeySchema
  .extend({ key: z.string() })
  .meta({ id: "ApiKeyCreated" });

export const memberSchema = z
  .object({ accountId: z.string(), email: z.string(), role: roleSchema })
  .meta({ id: "Member" });

export const memberCreateSchema = z.strictObject({ email, password, role: roleSchema });
export const memberPatchSchema = z.strictObject({ role: roleSchema });
