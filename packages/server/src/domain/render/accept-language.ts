/**
 * The locales of an Accept-Language header, most preferred first (`q` order, then written
 * order); `*` and malformed entries are left out, and at most 10 are read.
 * @example preferredLocales("fr-CH, fr;q=0.9, en;q=0.8") // ["fr-CH", "fr", "en"]
 */
export function preferredLocales(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",", 10)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(e.tag) && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((e) => e.tag);
}
