import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import type { ScoreStore } from "./ports.js";

/** Churn scores; every write invalidates the product's cached topN thresholds. */
export class ScoreService {
  constructor(
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  async upsert(
    productId: string,
    store: ScoreStore,
    scores: { distinctId: string; churnProb: number }[],
  ): Promise<number> {
    // Last write wins within one request; one row per user keeps the upsert valid on PostgreSQL.
    const unique = [...new Map(scores.map((s) => [s.distinctId, s])).values()];
    await store.upsert(unique, this.clock.now());
    this.invalidation.publish(productId);
    return unique.length;
  }
}
