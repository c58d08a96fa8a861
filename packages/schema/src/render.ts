import { z } from "zod";
import { distinctIdSchema } from "./client.js";
import { localePreferenceSchema } from "./translation.js";

/**
 * `POST /api/v1/messages/:id/render-token`: optionally the user whose traits fill the message's
 * placeholders (with their userHash when the product verifies identities) and a locale.
 */
export const renderTokenRequestSchema = z
  .strictObject({
    distinctId: distinctIdSchema.optional(),
    userHash: z.string().max(200).optional(),
    locale: localePreferenceSchema.optional(),
  })
  .meta({ id: "RenderTokenRequest" });
export type RenderTokenRequest = z.infer<typeof renderTokenRequestSchema>;

export const renderTokenSchema = z
  .object({
    token: z.string(),
    /** Seconds until the token expires (at most 300). */
    expiresIn: z.number().int(),
    /** The render URL with the token, relative to the server. */
    url: z.string(),
  })
  .meta({ id: "RenderToken" });
export type RenderToken = z.infer<typeof renderTokenSchema>;

/** `GET /api/v1/messages/:id/render`: a token, or a key (header, or `?api_key=` publishable). */
export const renderQuerySchema = z.strictObject({
  token: z.string().max(4096).optional(),
  api_key: z.string().max(200).optional(),
  /** With a key only: the user whose traits fill placeholders (a token carries its own). */
  distinct_id: distinctIdSchema.optional(),
  user_id: distinctIdSchema.optional(),
  user_hash: z.string().max(200).optional(),
  locale: localePreferenceSchema.optional(),
});
