/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, so plain-http hosts fall
 * back to getRandomValues, and a host without Web Crypto to Math.random: the id only has to be
 * unique enough for the server to drop retried duplicates, not unguessable.
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const random = () =>
    c?.getRandomValues ? c.getRandomValues(new Uint8Array(1))[0]! : Math.random() * 256;
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (d) =>
    (+d ^ (random() & (15 >> (+d / 4)))).toString(16),
  );
}
