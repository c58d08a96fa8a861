import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `userHash` a customer's backend sends for `distinctId`: HMAC-SHA256 keyed by the UTF-8
 * bytes of the product's identity secret, as lowercase hex (what every language's standard
 * library prints), e.g. `userHashOf("idv_…", "user-42")` → `"3f9a…"` (64 characters).
 */
export function userHashOf(secret: string, distinctId: string): string {
  return createHmac("sha256", secret).update(distinctId, "utf8").digest("hex");
}

const hex64 = /^[0-9a-f]{64}$/i;

/** Whether `given` is `expected`'s hash, compared in constant time (hex in either case). */
export function userHashMatches(expected: string, given: string): boolean {
  if (!hex64.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"));
}
