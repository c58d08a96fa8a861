/**
 * Tells every node that a product's delivery data changed. In one process a local bus is
 * enough (SQLite); on PostgreSQL the storage layer relays through LISTEN/NOTIFY.
 */
export interface Invalidation {
  publish(productId: string): void;
  subscribe(listener: (productId: string) => void): () => void;
}

/** Published when every product's cache must go (e.g. notifications may have been missed). */
export const everyProduct = "*";

export function localInvalidation(): Invalidation {
  const listeners = new Set<(productId: string) => void>();
  return {
    publish(productId) {
      for (const listener of listeners) listener(productId);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
