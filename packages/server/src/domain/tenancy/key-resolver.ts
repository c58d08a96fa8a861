import type { Clock } from "../clock.js";
import { everyProduct, type Invalidation } from "../delivery/invalidation.js";
import { looksLikeKey } from "./api-keys.js";
import type { KeyRecord, TenancyStore } from "./ports.js";
import { hashToken } from "./secrets.js";

const publishablePrefix = "pk_";

interface Entry {
  record: KeyRecord | null;
  at: number;
}

/**
 * Resolves presented API keys with a short-lived cache, because every SDK request carries one
 * and the lookup would otherwise be a third query on the hot path. Revoking a key publishes an
 * invalidation for its product, which clears that product's entries on every node at once; the
 * TTL bounds staleness should a notification be lost.
 */
export class KeyResolver {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly store: TenancyStore,
    private readonly clock: Clock,
    invalidation: Invalidation,
    private readonly ttlMs = 10_000,
  ) {
    invalidation.subscribe((productId) => {
      for (const [hash, entry] of this.cache) {
        if (productId === everyProduct || !entry.record || entry.record.productId === productId) {
          this.cache.delete(hash);
        }
      }
    });
  }

  async resolve(key: string): Promise<KeyRecord | null> {
    if (!looksLikeKey(key)) return null;
    // A publishable key is public by design (it sits in every page's script tag), so it may key
    // the cache as it is, sparing the SHA-256 on every SDK request. Secret keys are cached only
    // by their hash, so this map never holds one.
    const publishable = key.startsWith(publishablePrefix);
    const cacheKey = publishable ? key : hashToken(key);
    const now = this.clock.now();
    const hit = this.cache.get(cacheKey);
    if (hit && now - hit.at < this.ttlMs) return hit.record;
    const record = await this.store.findKeyByHash(publishable ? hashToken(key) : cacheKey);
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(cacheKey, { record, at: now });
    return record;
  }
}
