import { z } from "zod";
import { templatedUrl } from "./common.js";
import { blockDocumentSchema } from "./content.js";

/**
 * A BCP 47 language tag in its canonical case: language, optional script, optional region
 * (`fr`, `pt-BR`, `zh-Hant-TW`, `es-419`). Stricter than BCP 47 on purpose: one spelling per
 * locale, so `fr-ca` and `fr-CA` can never be two translations of the same step.
 */
export const localeTagPattern = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/;
export const localeTagSchema = z
  .string()
  .regex(localeTagPattern, 'must be a language tag such as "fr", "pt-BR" or "zh-Hant-TW"');

/**
 * A locale a reader prefers (`?locale=`, a token's, a trait): any well-formed tag, `_` or `-`,
 * any case (`fr_ca` from an Android app is fine); pickLocale matches it to what exists.
 */
export const localePreferencePattern = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/;
export const localePreferenceSchema = z
  .string()
  .regex(localePreferencePattern, 'must be a language tag such as "fr" or "pt-BR"');

/** What a translation may replace in a step; absent fields fall back to the step's own. */
export const stepTranslationSchema = z.strictObject({
  title: z.string().max(200).optional(),
  body: z.string().max(5000).optional(),
  ctaText: z.string().max(100).optional(),
  ctaUrl: templatedUrl.optional(),
  content: blockDocumentSchema.optional(),
});
export type StepTranslation = z.infer<typeof stepTranslationSchema>;

export const maxLocalesPerStep = 100;
export const stepTranslationsSchema = z
  .record(localeTagSchema, stepTranslationSchema)
  .refine((t) => Object.keys(t).length <= maxLocalesPerStep, {
    message: `at most ${maxLocalesPerStep} locales per step`,
  });

const stepSource = z.object({
  title: z.string().optional(),
  body: z.string(),
  ctaText: z.string().optional(),
  ctaUrl: z.string().optional(),
  content: blockDocumentSchema.optional(),
});

/**
 * A message's texts for translators (`GET …/messages/:id/translations`): per step, the source
 * texts and every translation. Sent back (edited) to `PUT`, which imports the translations.
 */
export const translationsExportSchema = z
  .object({
    messageId: z.string(),
    version: z.number().int(),
    locales: z.array(z.string()),
    steps: z.array(
      z.object({ source: stepSource, translations: z.record(z.string(), stepTranslationSchema) }),
    ),
  })
  .meta({ id: "TranslationsExport" });
export type TranslationsExport = z.infer<typeof translationsExportSchema>;

/**
 * An import: one entry per step of the message, in order. Each locale given replaces that
 * locale's translation, `null` removes it, and locales left out are kept. `source`, `messageId`
 * and `locales` are accepted so an export can be sent back as it is; the sources are not
 * imported (authors change them in the editor).
 */
export const translationsImportSchema = z
  .strictObject({
    version: z.number().int().min(1),
    messageId: z.string().max(100).optional(),
    locales: z.array(z.string().max(50)).max(1000).optional(),
    steps: z
      .array(
        z.strictObject({
          source: z.unknown().optional(),
          translations: z.record(localeTagSchema, stepTranslationSchema.nullable()),
        }),
      )
      .min(1)
      .max(20),
  })
  .meta({ id: "TranslationsImport" });
export type TranslationsImport = z.infer<typeof translationsImportSchema>;
