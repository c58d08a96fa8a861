import type { Clock } from "../clock.js";
import { type ActiveSet, buildActiveSet, topNsOf } from "./active-set.js";
import { everyProduct, type Invalidation } from "./invalidation.js";
import type { DeliveryStore } from "./ports.js";

interface Slot {
  loadedAt: number;
  value: Promise<ActiveSet>;
}

/**
 * Per-product cache of the active set. Every author write publishes an invalidation; the TTL
 * is only a safety net should a notification be lost (e.g. a dropped LISTEN connection).
 */
export class ActiveSetCache {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly storeFor: (productId: string) => DeliveryStore,
    invalidation: Invalidation,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {
    // Dropping the slot is enough: a load already in flight only serves requests that began
    // before the write, and the next request starts a fresh load.
    invalidation.subscribe((productId) => {
      if (productId === everyProduct) this.slots.clear();
      else this.slots.delete(productId);
    });
  }

  get(productId: string): Promise<ActiveSet> {
    const now = this.clock.now();
    const slot = this.slots.get(productId);
    if (slot && now - slot.loadedAt < this.ttlMs) return slot.value;
    // Concurrent requests share one load (single flight).
    const value = this.load(productId);
    const fresh: Slot = { loadedAt: now, value };
    this.slots.set(productId, fresh);
    value.catch(() => {
      if (this.slots.get(productId) === fresh) this.slots.delete(productId);
    });
    return value;
  }

  private async load(productId: string): Promise<ActiveSet> {
    const store = this.storeFor(productId);
    const source = await store.loadActiveSet();
    const thresholds = new Map<number, number>();
    for (const topN of topNsOf(source.messages)) {
      thresholds.set(topN, await store.scoreThreshold(topN));
    }
    return buildActiveSet(productId, source, thresholds);
  }
}
