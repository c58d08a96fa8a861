import { localesOf } from "@nudge/content";
import {
  type Message,
  maxLocalesPerStep,
  type Step,
  type TranslationsExport,
  type TranslationsImport,
} from "@nudge/schema";
import { invalidField } from "../app-error.js";

/** A message's texts for translators: per step, its own texts and every translation. */
export function translationsOf(message: Message): TranslationsExport {
  return {
    messageId: message.id,
    version: message.version,
    locales: localesOf(message.steps),
    steps: message.steps.map(({ title, body, ctaText, ctaUrl, content, translations }) => ({
      source: JSON.parse(JSON.stringify({ title, body, ctaText, ctaUrl, content })),
      translations: translations ?? {},
    })),
  };
}

/**
 * The message's steps with an import applied: per step, each locale given replaces that
 * locale's translation, `null` removes it, and the others are kept. The file must describe
 * the message as it is now: its id (when given) and one entry per step.
 */
export function withTranslations(message: Message, file: TranslationsImport): Step[] {
  if (file.messageId !== undefined && file.messageId !== message.id) {
    throw invalidField("messageId", `is ${file.messageId}, but this is ${message.id}`);
  }
  if (file.steps.length !== message.steps.length) {
    throw invalidField(
      "steps",
      `has ${file.steps.length} entries, but the message has ${message.steps.length} steps; export it again`,
    );
  }
  return message.steps.map((step, i) => {
    const { translations, ...rest } = step;
    const merged = { ...translations };
    for (const [locale, t] of Object.entries(file.steps[i]!.translations)) {
      if (t === null) delete merged[locale];
      else merged[locale] = t;
    }
    if (Object.keys(merged).length > maxLocalesPerStep) {
      throw invalidField(
        `steps.${i}.translations`,
        `at most ${maxLocalesPerStep} locales per step`,
      );
    }
    return Object.keys(merged).length > 0 ? { ...rest, translations: merged } : rest;
  });
}
