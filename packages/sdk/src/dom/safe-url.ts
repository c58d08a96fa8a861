/**
 * http(s) or relative only, the rule the server applies on save (schema isSafeUrl), checked again
 * here because the SDK does not trust what it is sent: no javascript: or data: URLs, and no
 * whitespace, control characters or backslashes, which browsers strip or rewrite ("java\tscript:").
 */
export function isSafeUrl(value: unknown): value is string {
  if (typeof value !== "string" || !value) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value);
  return !scheme || /^https?$/i.test(scheme[1]!);
}
