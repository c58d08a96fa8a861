import type { HookName, HookPayload } from "./types.js";

export type Hook = (payload: HookPayload) => void;

export interface Emitter {
  on(name: HookName, fn: Hook): void;
  off(name: HookName, fn: Hook): void;
  emit(name: HookName, payload: HookPayload): void;
}

/** Host hooks. A throwing listener is the host's bug: it must not stop the SDK or other hooks. */
export function createEmitter(): Emitter {
  const hooks = new Map<string, Set<Hook>>();
  return {
    on(name, fn) {
      if (typeof fn !== "function") return;
      const set = hooks.get(name) ?? new Set();
      hooks.set(name, set.add(fn));
    },
    off(name, fn) {
      hooks.get(name)?.delete(fn);
    },
    emit(name, payload) {
      for (const fn of hooks.get(name) ?? []) {
        try {
          fn(payload);
        } catch {
          // contained: see above
        }
      }
    },
  };
}
