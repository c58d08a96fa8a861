import { vi } from "vitest";
import type {
  HttpResult,
  Platform,
  Renderer,
  StepActions,
  StepView,
  Transport,
} from "../src/core/platform.js";
import { type SafeStore, type StorageLike, safeStore } from "../src/core/store.js";
import type { ActiveEntry, ActiveResponse } from "../src/core/types.js";

/** A Web Storage stand-in backed by a Map. */
export function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

export interface Sent {
  url: string;
  body: unknown;
}

/** A transport whose answers the test scripts; it records what was sent. */
export function fakeTransport(active: () => ActiveResponse | HttpResult) {
  const posts: Sent[] = [];
  const beacons: Sent[] = [];
  const gets: string[] = [];
  let postResult: () => HttpResult = () => ({ status: 202 });
  const transport: Transport = {
    async get(url) {
      gets.push(url);
      const r = active();
      return "messages" in r ? { status: 200, body: r } : r;
    },
    async post(url, body) {
      posts.push({ url, body: JSON.parse(body) });
      return postResult();
    },
    beacon(url, body) {
      beacons.push({ url, body: JSON.parse(body) });
      return true;
    },
  };
  return {
    transport,
    posts,
    beacons,
    gets,
    answerPosts(fn: () => HttpResult) {
      postResult = fn;
    },
    /** Every event sent by fetch, in order. */
    events(): { event: string; properties?: Record<string, unknown> }[] {
      return posts
        .filter((p) => p.url.includes("/events"))
        .flatMap((p) => (p.body as { batch: [] }).batch);
    },
  };
}

export interface Shown {
  view: StepView;
  actions: StepActions;
  closed: boolean;
}

/** A renderer that records steps; `anchored: false` simulates a tooltip still waiting. */
export function fakeRenderer(options: { anchored?: boolean } = {}) {
  const shown: Shown[] = [];
  const renderer: Renderer = {
    show(view, actions) {
      const entry: Shown = { view, actions, closed: false };
      shown.push(entry);
      if (view.step.type !== "tooltip" || options.anchored !== false) actions.shown();
      return {
        close() {
          entry.closed = true;
        },
      };
    },
  };
  return { renderer, shown, open: () => shown.filter((s) => !s.closed) };
}

export function fakePlatform(active: () => ActiveResponse | HttpResult, path = "/app") {
  const net = fakeTransport(active);
  const draw = fakeRenderer();
  const localRaw = memoryStorage();
  const sessionRaw = memoryStorage();
  const state = { path };
  const platform: Platform = {
    transport: net.transport,
    local: safeStore(() => localRaw),
    session: safeStore(() => sessionRaw),
    path: () => state.path,
    renderer: draw.renderer,
  };
  return { platform, net, draw, localRaw, sessionRaw, state };
}

export function activeList(messages: ActiveEntry[], extra: Partial<ActiveResponse> = {}) {
  return { autoRender: true, refreshAfterSeconds: 300, milestones: [], messages, ...extra };
}

export function message(id: string, overrides: Partial<ActiveEntry> = {}): ActiveEntry {
  return {
    id,
    name: `Message ${id}`,
    priority: 50,
    trigger: { type: "page" },
    frequency: { cap: "ever" },
    appearance: { position: "center", theme: "light" },
    steps: [{ type: "modal", title: "Hi", body: "Hello" }],
    ...overrides,
  } as ActiveEntry;
}

/** Lets pending promise callbacks (and zero-delay timers) run, with real or fake timers. */
export const settle = async () => {
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
  else await new Promise((resolve) => setTimeout(resolve, 0));
};

export type { SafeStore };
