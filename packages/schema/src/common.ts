import { z } from "zod";

export const isoDateTime = z.iso.datetime({ offset: true });

const cssHex = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
export const hexColor = z.string().regex(cssHex, "must be a CSS hex colour like #1f2937");

// Browsers drop tabs/newlines inside URLs and leading control characters, which is how
// "java\tscript:" sneaks past naive checks; we refuse any whitespace or control char outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlOrSpace = /[\u0000-\u0020\u007f-\u009f]/;
const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** True for http(s) URLs and relative references ("/x", "x/y", "?q", "#h"); false for every other scheme. */
export function isSafeUrl(value: string): boolean {
  if (value.length === 0 || controlOrSpace.test(value) || value.includes("\\")) return false;
  const match = scheme.exec(value);
  if (!match) return true;
  const name = match[1]!.toLowerCase();
  return name === "http" || name === "https";
}

export const safeUrl = z
  .string()
  .max(2048)
  .refine(isSafeUrl, "must be an http(s) URL or a relative path");

/** True for what isSafeUrl accepts, plus `mailto:` and `tel:`: the targets a link may open. */
export function isSafeLinkUrl(value: string): boolean {
  if (isSafeUrl(value)) return true;
  const name = scheme.exec(value)?.[1]?.toLowerCase();
  return (
    (name === "mailto" || name === "tel") && !controlOrSpace.test(value) && !value.includes("\\")
  );
}

/**
 * A personalization placeholder, `{{ traits.key }}` or `{{ traits.key | default: "…" }}`. The
 * same grammar as @nudge/content's template.ts (a test there keeps the two equal); anything else
 * between braces is plain text.
 */
export const placeholderPattern =
  /\{\{\s*traits\.([A-Za-z0-9_-]{1,200})\s*(?:\|\s*default:\s*(?:"([^"]{0,500})"|'([^']{0,500})')\s*)?\}\}/g;

/**
 * Placeholders in a URL become URL-encoded values at delivery, which can never add a scheme or a
 * host; the rest of the URL must be safe on its own, so each placeholder is checked as "x".
 */
const withoutPlaceholders = (value: string) => value.replace(placeholderPattern, "x");

/** A CTA URL that may carry personalization placeholders (`/welcome?name={{ traits.name }}`). */
export const templatedUrl = z
  .string()
  .max(2048)
  .refine(
    (value) => isSafeUrl(withoutPlaceholders(value)),
    "must be an http(s) URL or a relative path",
  );

/** A link target in rich content: http(s), relative, `mailto:` or `tel:`; placeholders allowed. */
export const templatedLinkUrl = z
  .string()
  .max(2048)
  .refine(
    (value) => isSafeLinkUrl(withoutPlaceholders(value)),
    "must be an http(s), mailto: or tel: URL, or a relative path",
  );

export const nonEmptyText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** Ids are opaque strings with a type prefix (`msg_…`); only the charset and length are checked. */
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`), `must be a ${prefix}_ id`);
