/**
 * Render-time URL checks. The server validates URLs on save (schema isSafeUrl/isSafeLinkUrl);
 * the renderer checks again because it does not trust what it is given: a personalized URL is
 * only known at render, and the SDK renders what the network sent. Whitespace, control
 * characters and backslashes are refused outright, since browsers strip or rewrite them
 * ("java\tscript:").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const unsafeChar = /[\u0000-\u0020\u007f-\u009f\\]/;
const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();

/** http(s) or relative: what an image (or a step's CTA) may point at. */
export function isSafeImageUrl(url: unknown): url is string {
  if (typeof url !== "string" || !url || unsafeChar.test(url)) return false;
  const scheme = schemeOf(url);
  return scheme === undefined || scheme === "http" || scheme === "https";
}

/** http(s), relative, `mailto:` or `tel:`: what a link may open. */
export function isSafeLinkUrl(url: unknown): url is string {
  if (!isSafeImageUrl(url)) {
    const scheme = typeof url === "string" && !unsafeChar.test(url) ? schemeOf(url) : undefined;
    return scheme === "mailto" || scheme === "tel";
  }
  return true;
}

/** Absolute http(s): a link that leaves the page, opened in a new tab. */
export const isExternal = (url: string) => /^https?:/i.test(url);
