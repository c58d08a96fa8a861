import { type Filter, matchFilter } from "@nudge/rules";
import type { Segment, SegmentInput } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import { newId } from "../ids.js";
import type { SegmentStore } from "./ports.js";

/** Named, reusable trait filters; evaluated at fetch time, so an edit applies at once. */
export class SegmentService {
  constructor(
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  list(store: SegmentStore): Promise<Segment[]> {
    return store.list();
  }

  async get(store: SegmentStore, id: string): Promise<Segment> {
    const segment = await store.get(id);
    if (!segment) throw notFound("Segment");
    return segment;
  }

  async create(productId: string, store: SegmentStore, input: SegmentInput): Promise<Segment> {
    const created = await store.create(newId("seg"), input, this.clock.now());
    this.invalidation.publish(productId);
    return created;
  }

  async update(
    productId: string,
    store: SegmentStore,
    id: string,
    input: SegmentInput,
  ): Promise<Segment> {
    const updated = await store.update(id, input, this.clock.now());
    if (!updated) throw notFound("Segment");
    this.invalidation.publish(productId);
    return updated;
  }

  /**
   * How many of the product's people a filter selects, evaluated with the same matchFilter the
   * delivery rules use (segments are real-time filters over traits, not stored memberships).
   */
  async count(store: SegmentStore, filter: Filter): Promise<{ matched: number; total: number }> {
    let matched = 0;
    let total = 0;
    await store.eachUserPage(2000, (users) => {
      total += users.length;
      for (const user of users) if (matchFilter(filter, user.traits)) matched += 1;
    });
    return { matched, total };
  }

  /** A segment that a message still targets cannot be deleted: its audience would fail closed. */
  async delete(productId: string, store: SegmentStore, id: string): Promise<void> {
    const users = await store.usedBy(id);
    if (users.length > 0) {
      throw new AppError(
        "conflict",
        `This segment is the audience of ${users.length} message(s) (${users.slice(0, 5).join(", ")}); change their audience first`,
      );
    }
    if (!(await store.delete(id))) throw notFound("Segment");
    this.invalidation.publish(productId);
  }
}
