const rtlLanguages = new Set([
  "ar",
  "arc",
  "ckb",
  "dv",
  "fa",
  "he",
  "iw",
  "ps",
  "sd",
  "syr",
  "ug",
  "ur",
  "yi",
]);
const rtlScripts = new Set(["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"]);

const parts = (tag: string) => tag.replace(/_/g, "-").toLowerCase().split("-");

/**
 * True for a right-to-left locale: its script when it names one (`az-Arab`), else its language.
 * @example isRtl("ar-EG") // true
 */
export function isRtl(locale: string | null | undefined): boolean {
  if (!locale) return false;
  const [language = "", script] = parts(locale);
  if (script && script.length === 4) return rtlScripts.has(script);
  return rtlLanguages.has(language);
}

/**
 * The best of `available` for the user's `preferred` locales, in order of preference: an exact
 * match (any case, `_` or `-`), else the same base language (`fr-CA` → `fr`, then `fr-FR`);
 * null when none fits, meaning the default texts.
 * @example pickLocale(["fr", "de"], ["fr-CA", "de-DE"]) // "fr"
 */
export function pickLocale(
  available: readonly string[],
  preferred: readonly (string | null | undefined)[],
): string | null {
  const norm = available.map((tag) => parts(tag).join("-"));
  for (const wanted of preferred) {
    if (typeof wanted !== "string" || !wanted) continue;
    const tag = parts(wanted).join("-");
    const base = tag.split("-")[0];
    let index = norm.indexOf(tag);
    if (index < 0) index = norm.indexOf(base!);
    if (index < 0) index = norm.findIndex((a) => a.split("-")[0] === base);
    if (index >= 0) return available[index]!;
  }
  return null;
}
