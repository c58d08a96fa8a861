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

export const nonEmptyText = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** Ids are opaque strings with a type prefix (`msg_…`); only the charset and length are checked. */
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`), `must be a ${prefix}_ id`);
