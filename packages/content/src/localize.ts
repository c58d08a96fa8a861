import type { Step } from "@nudge/schema";

/** Every locale any step of a message is translated into, sorted. */
export function localesOf(steps: readonly Step[]): string[] {
  const all = new Set<string>();
  for (const step of steps)
    for (const locale of Object.keys(step.translations ?? {})) all.add(locale);
  return [...all].sort();
}

/**
 * A step in one locale: that translation's fields over the step's own (a field it leaves out
 * keeps the default text), without the translations map. A null locale gives the defaults.
 */
export function localizeStep(step: Step, locale: string | null): Step {
  const { translations, ...rest } = step;
  const t =
    locale !== null && translations && Object.hasOwn(translations, locale)
      ? translations[locale]
      : undefined;
  if (!t) return rest;
  const out: Step = { ...rest };
  if (t.title !== undefined) out.title = t.title;
  if (t.body !== undefined) out.body = t.body;
  if (t.ctaText !== undefined) out.ctaText = t.ctaText;
  if (t.ctaUrl !== undefined) out.ctaUrl = t.ctaUrl;
  if (t.content !== undefined) out.content = t.content;
  return out;
}
