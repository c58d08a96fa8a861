import { assignArm, bucketOf, type Evaluation, evaluate, type UserState } from "@nudge/rules";
import type { Clock } from "../clock.js";
import {
  type ActiveSet,
  type CampaignEntry,
  type Deliverable,
  entriesLiveAt,
} from "./active-set.js";
import type { ActiveSetCache } from "./active-set-cache.js";
import type { DeliveryStore, HistoryRow, UserProfile } from "./ports.js";
import { emptyHistory, foldHistory } from "./user-state.js";

/** How long the SDK may cache the list (SPEC §7: at most 5 minutes). */
export const refreshAfterSeconds = 300;

export interface UserSnapshot {
  profile: UserProfile;
  rows: HistoryRow[];
}

/** Decides what one user may see now: the hot path of `GET /messages/active`. */
export class DeliveryService {
  constructor(
    private readonly cache: ActiveSetCache,
    private readonly storeFor: (productId: string) => DeliveryStore,
    private readonly clock: Clock,
  ) {}

  activeSet(productId: string): Promise<ActiveSet> {
    return this.cache.get(productId);
  }

  /** The user's profile and history: two indexed reads, in one round trip where that matters. */
  async snapshot(productId: string, distinctId: string): Promise<UserSnapshot> {
    const { profile, rows } = await this.storeFor(productId).snapshot(distinctId, this.clock.now());
    return {
      profile: profile ?? { distinctId, traits: {}, churnProb: null, milestones: [] },
      rows,
    };
  }

  /** The client JSON of `GET /messages/active`, assembled from pre-serialised entries. */
  async activeJson(
    productId: string,
    distinctId: string,
    trigger: CampaignEntry["triggerType"] | undefined,
  ): Promise<string> {
    const [set, user] = await Promise.all([
      this.activeSet(productId),
      this.snapshot(productId, distinctId),
    ]);
    const now = this.clock.now();
    const visible = this.visibleEntries(set, user, now).filter(
      ({ entry }) => trigger === undefined || entry.triggerType === trigger,
    );
    return `{"autoRender":${set.autoRender},"refreshAfterSeconds":${refreshAfterSeconds},"milestones":${JSON.stringify(user.profile.milestones)},"messages":[${visible.map((e) => (e.personalize ? e.personalize(user.profile.traits) : e.json)).join(",")}]}`;
  }

  /** What this user may see now, each campaign resolved to the user's arm. */
  visibleEntries(
    set: ActiveSet,
    user: UserSnapshot,
    now: number,
  ): (Deliverable & { entry: CampaignEntry })[] {
    const folded = foldHistory(user.rows, set);
    const { profile } = user;
    const visible: (Deliverable & { entry: CampaignEntry })[] = [];
    // A plain loop: this runs for every active campaign on every request.
    for (const entry of entriesLiveAt(set, now)) {
      const deliverable = deliverableFor(entry, profile.distinctId);
      if (!deliverable?.gate(profile)) continue;
      const state = stateOf(entry, user, folded);
      if (deliverable.visible(state, now)) visible.push({ ...deliverable, entry });
    }
    return visible;
  }

  /** The full rule trace for one campaign: what "Why isn't it showing?" displays. */
  explain(set: ActiveSet, entry: CampaignEntry, user: UserSnapshot, now: number): Evaluation {
    return evaluate(
      entry.rule,
      stateOf(entry, user, foldHistory(user.rows, set)),
      set.context,
      now,
    );
  }
}

function stateOf(
  entry: CampaignEntry,
  user: UserSnapshot,
  folded: ReturnType<typeof foldHistory>,
): UserState {
  return {
    distinctId: user.profile.distinctId,
    traits: user.profile.traits,
    churnProb: user.profile.churnProb,
    history: folded.campaigns.get(entry.key) ?? emptyHistory(),
    budget: folded.budget,
  };
}

/**
 * The message this user gets for a campaign: itself, or for an experiment the arm the shared
 * fnv1a32 bucketing assigns (the SDK computes the same); nothing if that arm is not live.
 */
export function deliverableFor(entry: CampaignEntry, distinctId: string): Deliverable | null {
  if (!entry.experiment) return entry;
  const { flagKey, weights, arms } = entry.experiment;
  const key = assignArm(weights, bucketOf(flagKey, distinctId));
  const arm = arms.find((a) => a.key === key);
  return arm?.live ? arm : null;
}
