import { isSafeLinkUrl } from "./safe-url.js";

/** A user's traits as stored by `identify`. */
export type Traits = Readonly<Record<string, unknown>>;

/**
 * `{{ traits.key }}` or `{{ traits.key | default: "…" }}` (single quotes too), and nothing else:
 * no filters, no expressions, no nesting. Anything else between braces is plain text. Kept equal
 * to @nudge/schema's placeholderPattern, which validates templated URLs on save (a test checks).
 */
export const placeholder =
  /\{\{\s*traits\.([A-Za-z0-9_-]{1,200})\s*(?:\|\s*default:\s*(?:"([^"]{0,500})"|'([^']{0,500})')\s*)?\}\}/g;

/** A long trait is cut: a message is not the place for a 60 KB string. */
const maxValueLength = 500;

function traitText(traits: Traits, key: string, fallback: string): string {
  const value = Object.hasOwn(traits, key) ? traits[key] : undefined;
  if (typeof value === "string" && value !== "") return value.slice(0, maxValueLength);
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
    return String(value);
  }
  // Unknown, empty, null, objects and arrays: the default (or nothing).
  return fallback;
}

/** True when a string may hold a placeholder: the cheap test that skips most strings. */
export const hasPlaceholder = (value: string) => value.includes("{{");

/**
 * Fills placeholders with trait values, in one pass: a value that itself looks like a
 * placeholder stays text. The result is text, escaped by whichever builder renders it.
 * @example fillText('Hi {{ traits.first_name | default: "there" }}', {}) // "Hi there"
 */
export function fillText(template: string, traits: Traits): string {
  if (!hasPlaceholder(template)) return template;
  return template.replace(placeholder, (_, key: string, double?: string, single?: string) =>
    traitText(traits, key, double ?? single ?? ""),
  );
}

// encodeURIComponent throws on a lone surrogate; it becomes U+FFFD first.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Fills a URL's placeholders with URL-encoded values, which can never add a scheme or a host,
 * then checks the whole URL again; null when the result is not a safe link.
 * @example fillUrl("/hi?n={{ traits.name }}", {name: "Zoë & co"}) // "/hi?n=Zo%C3%AB%20%26%20co"
 */
export function fillUrl(template: string, traits: Traits): string | null {
  const url = hasPlaceholder(template)
    ? template.replace(placeholder, (_, key: string, double?: string, single?: string) =>
        encodeURIComponent(
          traitText(traits, key, double ?? single ?? "").replace(loneSurrogate, "\ufffd"),
        ),
      )
    : template;
  return isSafeLinkUrl(url) ? url : null;
}
