const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the UTF-8 bytes of `input`, as an unsigned integer (SPEC §6).
 *
 * UTF-8 is encoded by hand, code point by code point, so the hash never allocates and does not
 * depend on TextEncoder. A lone surrogate is hashed as U+FFFD, exactly what TextEncoder (and any
 * other WHATWG UTF-8 encoder) would produce, so other-language SDKs can match it.
 */
export function fnv1a32(input: string): number {
  const s = String(input);
  let h = OFFSET_BASIS;
  const mix = (byte: number): void => {
    // Math.imul keeps the multiplication in 32 bits; `>>> 0` keeps it unsigned.
    h = Math.imul(h ^ byte, PRIME) >>> 0;
  };
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) {
      mix(cp);
    } else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 0x3f));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}
