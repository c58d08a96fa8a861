import { fnv1a32 } from "@nudge/rules";
import { withRetry } from "./backoff.js";
import { isActiveResponse, readActive, writeActive } from "./cache.js";
import { toCampaign, variantOf } from "./campaign.js";
import { blockedUntil } from "./caps.js";
import type { Emitter } from "./emitter.js";
import { type Identity, loadIdentity, saveIdentity, validId } from "./identity.js";
import type { Platform } from "./platform.js";
import { type Playing, play } from "./player.js";
import { createQueue } from "./queue.js";
import { createSlots } from "./slots.js";
import { fires, pathAllowed } from "./triggers.js";
import type { ActiveEntry, ActiveResponse, Campaign, HookName, InteractionType } from "./types.js";
import { uuid } from "./uuid.js";

/** Refetch on focus after this long without a fetch (SPEC §7). */
export const IDLE_REFETCH_MS = 30 * 60_000;

const hookOf: Record<InteractionType, HookName> = {
  impression: "message_shown",
  dismiss: "message_dismissed",
  cta_click: "message_cta_clicked",
  complete: "message_completed",
};

export type Properties = Record<string, unknown>;

/**
 * The SDK's brain, free of the DOM: identity, the event queue, the active list and its cache,
 * trigger matching with delays, caps, slots and playback. The public API (index.ts) and the DOM
 * glue (dom/) call into it; everything environment-specific comes in through `platform`.
 */
export function createClient(
  options: { apiKey: string; host: string; distinctId?: string; userHash?: string },
  platform: Platform,
  emitter: Emitter,
) {
  const { transport, local, session } = platform;
  // Keys carry the product, so two products on one origin never share ids, queues or caches.
  const ns = `nudge_${fnv1a32(options.apiKey).toString(36)}_`;
  const url = (path: string) =>
    `${options.host}/api/v1/${path}${path.includes("?") ? "&" : "?"}api_key=${encodeURIComponent(options.apiKey)}`;
  const fail = (error: unknown) => emitter.emit("error", { error });

  let me: Identity = loadIdentity(local, `${ns}id`);
  const { distinctId, userHash } = options;
  if (validId(distinctId) && (distinctId !== me.id || userHash !== me.h)) {
    me = saveIdentity(local, `${ns}id`, { id: distinctId, anon: false, h: userHash });
  }
  const queue = createQueue({
    store: local,
    key: `${ns}q`,
    send: (body) => transport.post(url("events"), body),
    beacon: (body) => transport.beacon(url("events"), body),
    onError: fail,
  });
  const slots = createSlots();
  const playing = new Map<string, Playing>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const impressions = new Map<string, number>();
  let blocks: Record<string, number> = session.get(`${ns}b`) ?? {};
  let entries: ActiveEntry[] = [];
  let campaigns: Campaign[] = [];
  let milestones = new Set<string>();
  let autoRender = false;
  let ready = false;
  let early: [string, Properties | undefined][] = [];
  let lastFetch = 0;
  // After destroy(), a late answer or timer must not bring anything back on screen.
  let alive = true;

  const blocked = (key: string) => (blocks[key] ?? 0) > Date.now();
  const visible = () => entries.filter((e) => !blocked(e.id));

  function apply(r: ActiveResponse): void {
    entries = r.messages.filter((e) => e && typeof e === "object" && e.trigger);
    campaigns = entries.flatMap((e) => toCampaign(e, me.id) ?? []);
    autoRender = r.autoRender === true;
    for (const m of Array.isArray(r.milestones) ? r.milestones : []) milestones.add(String(m));
    ready = true;
    // The page was viewed before the list arrived; so may other events have been.
    signal("$pageview");
    const missed = early;
    early = [];
    for (const [event, properties] of missed) signal(event, properties);
  }

  /** The active list: from the session cache while fresh, else from the server. */
  async function load(force: boolean): Promise<ActiveEntry[]> {
    const id = me.id;
    const cached = force ? null : readActive(session, `${ns}a`, id, Date.now());
    if (cached) {
      // Only this page writes the cache, so once applied it holds nothing new: reading the
      // list (fetchActive) must not re-run triggers.
      if (!ready) apply(cached);
      return visible();
    }
    lastFetch = Date.now();
    const res = await withRetry(() =>
      transport.get(
        url(
          `messages/active?distinct_id=${encodeURIComponent(id)}${me.h ? `&user_hash=${me.h}` : ""}`,
        ),
      ),
    );
    if (res.status !== 200 || !isActiveResponse(res.body)) {
      throw new Error(`nudge: messages HTTP ${res.status}`);
    }
    // identify() or reset() changed the user meanwhile: their own load is on its way.
    if (id !== me.id) return visible();
    writeActive(session, `${ns}a`, id, res.body, Date.now());
    apply(res.body);
    return visible();
  }

  function push(event: string, properties?: Properties, urgent = false): void {
    if (typeof event !== "string" || !event || event.length > 200) {
      throw new TypeError("nudge: bad event name");
    }
    // A copy that is certainly JSON: a circular or exotic object must not poison the queue.
    const props = properties == null ? undefined : JSON.parse(JSON.stringify(properties));
    queue.push(
      {
        uuid: uuid(),
        event,
        distinctId: me.id,
        userHash: me.h,
        timestamp: new Date().toISOString(),
        ...(props && typeof props === "object" ? { properties: props } : {}),
      },
      urgent,
    );
  }

  function record(c: Campaign, type: InteractionType, step: number): void {
    const payload = {
      messageId: c.messageId,
      step,
      ...(c.variantKey && { variantKey: c.variantKey }),
    };
    // Terminal events also feed the server's caps: send them now, not with the next batch.
    push(`message_${type}`, payload, type !== "impression");
    const seen = (impressions.get(c.key) ?? 0) + (type === "impression" ? 1 : 0);
    impressions.set(c.key, seen);
    const until = blockedUntil(type, c.frequency, seen, Date.now());
    if (until) {
      blocks = { ...blocks, [c.key]: until };
      session.set(`${ns}b`, blocks);
    }
    emitter.emit(hookOf[type], payload);
  }

  function start(c: Campaign): boolean {
    if (!alive || !platform.renderer || playing.has(c.key) || blocked(c.key)) {
      return playing.has(c.key);
    }
    try {
      const p = play(c, {
        renderer: platform.renderer,
        slots,
        record,
        stepChanged: (campaign, step) =>
          emitter.emit("step_changed", { messageId: campaign.messageId, step }),
        ended: (campaign) => playing.delete(campaign.key),
      });
      if (p) playing.set(c.key, p);
      return p !== null;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  const eligible = (c: Campaign) =>
    !blocked(c.key) && !playing.has(c.key) && pathAllowed(urlRegexOf(c), platform.path());

  /** An event happened: start (or schedule) every campaign it triggers, highest priority first. */
  function signal(event: string, properties?: Properties): void {
    if (!ready) {
      if (event !== "$pageview" && early.length < 50) early.push([event, properties]);
      return;
    }
    if (!autoRender) return;
    for (const c of campaigns) {
      if (!fires(c.trigger, event, properties, milestones) || timers.has(c.key) || !eligible(c)) {
        continue;
      }
      const delay = "delaySeconds" in c.trigger ? Number(c.trigger.delaySeconds) || 0 : 0;
      if (!delay) {
        start(c);
        continue;
      }
      timers.set(
        c.key,
        setTimeout(() => {
          timers.delete(c.key);
          // Re-check after the wait: the user may have moved on, or the list may have changed.
          const now = campaigns.find((x) => x.key === c.key);
          if (now && autoRender && eligible(now)) start(now);
        }, delay * 1000),
      );
    }
  }

  function stopAll(): void {
    for (const p of [...playing.values()]) p.stop();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  }

  // Last, so a cached list that renders at once finds everything above initialised.
  let loading = load(false).catch(fail);

  return {
    track(event: string, properties?: Properties): void {
      push(event, properties);
      signal(event, properties);
    },
    /** Re-evaluate triggers without sending an event (autocapture off). */
    signal,
    milestone(name: string): void {
      if (typeof name !== "string" || !name) throw new TypeError("nudge: bad milestone");
      milestones.add(name);
      push("$milestone", { name }, true);
      signal("$milestone", { name });
    },
    /** `userHash`: with identity verification on, `id`'s HMAC from your backend. */
    async identify(id: string, traits?: Properties, userHash?: string): Promise<void> {
      if (!validId(id)) throw new TypeError("nudge: bad distinctId");
      const link = me.anon && me.id !== id ? { anonymousId: me.id } : {};
      const l = traits?.locale ?? (me.id === id ? me.l : undefined);
      if (me.id !== id) stopAll();
      me = saveIdentity(local, `${ns}id`, { id, anon: false, h: userHash, l });
      const body = JSON.stringify({ distinctId: id, userHash, ...(traits && { traits }), ...link });
      // The link must exist before the fetch, so caps and milestones follow the person.
      const res = await withRetry(() => transport.post(url("identify"), body));
      if (res.status < 200 || res.status >= 300)
        fail(new Error(`nudge: identify HTTP ${res.status}`));
      loading = load(true).catch(fail);
      await loading;
    },
    reset(): void {
      stopAll();
      me = saveIdentity(local, `${ns}id`, { id: uuid(), anon: true });
      blocks = {};
      session.remove(`${ns}b`);
      milestones = new Set();
      loading = load(true).catch(fail);
    },
    async show(id: string): Promise<boolean> {
      await loading;
      const c = campaigns.find((x) => x.key === id || x.messageId === id);
      return c ? start(c) : false;
    },
    fetchActive: () => load(false),
    /** The user's `locale` trait, as identify() was given it. */
    locale: () => me.l,
    /** For hosts that render their own UI (autoRender off): report what the user did. */
    trackMessage(messageId: string, type: InteractionType, step = 0): void {
      if (!Object.hasOwn(hookOf, type)) throw new TypeError(`nudge: bad type ${type}`);
      const c = campaigns.find((x) => x.messageId === messageId || x.key === messageId);
      if (c) record(c, type, step);
      else push(`message_${type}`, { messageId, step }, type !== "impression");
    },
    getVariant(flagKey: string): string | null {
      const e = entries.find((x) => "flagKey" in x && x.flagKey === flagKey);
      return e && "variants" in e ? variantOf(e, me.id) : null;
    },
    /** Window focus: refetch when the list is older than IDLE_REFETCH_MS. */
    focused(): void {
      if (Date.now() - lastFetch > IDLE_REFETCH_MS) loading = load(true).catch(fail);
    },
    online(): void {
      queue.retryNow();
      if (!ready) loading = load(false).catch(fail);
    },
    pageHidden: () => queue.flushBeacon(),
    destroy(): void {
      alive = false;
      stopAll();
      queue.flush();
      queue.stop();
    },
  };
}

export type Client = ReturnType<typeof createClient>;

function urlRegexOf(c: Campaign): string | undefined {
  return "urlRegex" in c.trigger ? c.trigger.urlRegex : undefined;
}
