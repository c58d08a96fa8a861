/**
 * Deletes by age across every product: retention is one global limit, so this is the one store
 * not reached through `forProduct`. It never reads product data, it only removes old rows.
 */
export interface RetentionStore {
  /** Deletes at most `limit` interactions with `ts < cutoff`; answers how many it deleted. */
  deleteInteractionsBefore(cutoff: number, limit: number): Promise<number>;
  /** Deletes at most `limit` events with `ts < cutoff`; answers how many it deleted. */
  deleteEventsBefore(cutoff: number, limit: number): Promise<number>;
}
