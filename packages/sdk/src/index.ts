import { toCampaign } from "./core/campaign.js";
import { type Client, createClient } from "./core/client.js";
import { createEmitter, type Hook } from "./core/emitter.js";
import { play } from "./core/player.js";
import { createSlots } from "./core/slots.js";
import { safeStore } from "./core/store.js";
import type { HookName, InitOptions, ActiveMessage as PreviewMessage } from "./core/types.js";
import { wireBrowser } from "./dom/browser.js";
import { createMount } from "./dom/mount.js";
import { createRenderer } from "./dom/renderer.js";
import { browserTransport } from "./dom/transport.js";

export type { Hook } from "./core/emitter.js";
export type * from "./core/types.js";

export { version } from "./version.js";

const emitter = createEmitter();
let current: { client: Client; destroy(): void } | undefined;

const report = (error: unknown) => {
  emitter.emit("error", { error });
};

/**
 * Every public entry point goes through this: nothing the SDK does may throw into the host, and
 * a failed promise resolves to `fallback` (the error goes to `on("error")`).
 */
function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) {
  return (...args: A): R => {
    try {
      const result = fn(...args);
      return (
        result instanceof Promise
          ? result.catch((error: unknown) => {
              report(error);
              return fallback;
            })
          : result
      ) as R;
    } catch (error) {
      report(error);
      return fallback as R;
    }
  };
}

// Where this script came from: the default server for a script tag (null for ES modules).
const scriptOrigin = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return null;
  }
})();

/** Starts the SDK. A second call while running is ignored: the first instance stays. */
export const init = guard((options: InitOptions): void => {
  if (current) return;
  if (!options?.apiKey) throw new TypeError("nudge: init() needs apiKey");
  const host = (options.host || scriptOrigin || location.origin).replace(/\/+$/, "");
  const mount = createMount();
  const client = createClient(
    { ...options, host },
    {
      transport: browserTransport(),
      local: safeStore(() => localStorage),
      session: safeStore(() => sessionStorage),
      path: () => location.pathname,
      renderer: createRenderer(mount, host, () => client.locale()),
    },
    emitter,
  );
  const unwire = wireBrowser(client, {
    autocapture: options.autocapture !== false,
    host: mount.host,
    onError: report,
  });
  current = {
    client,
    destroy() {
      unwire();
      client.destroy();
      mount.remove();
    },
  };
});

type Method = {
  [K in keyof Client]: Client[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Client];

/** The running client's method `name`; before init() (or after destroy()) it returns `fallback`. */
function forward<K extends Method>(name: K, fallback?: ReturnType<Client[K]>) {
  return guard(
    (...args: Parameters<Client[K]>): ReturnType<Client[K]> =>
      current
        ? (current.client[name] as (...a: Parameters<Client[K]>) => ReturnType<Client[K]>)(...args)
        : (fallback as ReturnType<Client[K]>),
    fallback,
  );
}

/** Names the user (after login). Links the anonymous id so caps and milestones follow them. */
export const identify = forward("identify", Promise.resolve());

/** Records an event; it can trigger messages. @example track("signup_started", { plan: "pro" }) */
export const track = forward("track");

/** Marks a milestone reached for good (stored server-side); milestone triggers fire on it. */
export const milestone = forward("milestone");

/** Logout: a new anonymous id, caches and session caps cleared, messages refetched. */
export const reset = forward("reset");

/** Renders a message now, whatever its trigger (manual messages render only this way). */
export const show = forward("show", Promise.resolve(false));

export const messages = {
  /** The messages this user may see now, even with auto-render off (headless use). */
  fetchActive: forward("fetchActive", Promise.resolve([])),
  /** Report an interaction with a message your own UI rendered: (messageId, type, step?). */
  track: forward("trackMessage"),
};

export const flags = {
  /** This user's arm of an A/B test, the same one the server picks; null if unknown. */
  getVariant: forward("getVariant", null),
};

export const on = guard((name: HookName, fn: Hook) => emitter.on(name, fn));
export const off = guard((name: HookName, fn: Hook) => emitter.off(name, fn));

/** Removes every listener, patch, timer and node the SDK added; init() may be called again. */
export const destroy = guard(() => {
  const running = current;
  current = undefined;
  running?.destroy();
});

/**
 * Renders `message` exactly as on a site, with a tracker that records nothing (the dashboard's
 * preview). Returns a handle to close it.
 */
export const preview = guard(
  (message: PreviewMessage, options: { onEnd?: () => void } = {}) => {
    const mount = createMount();
    const campaign = toCampaign(message, "preview");
    const noop = () => {};
    const playing =
      campaign &&
      play(campaign, {
        renderer: createRenderer(mount, scriptOrigin || location.origin),
        slots: createSlots(),
        record: noop,
        stepChanged: noop,
        ended() {
          mount.remove();
          options.onEnd?.();
        },
      });
    if (!playing) mount.remove();
    return { close: () => playing?.stop() };
  },
  { close() {} },
);
