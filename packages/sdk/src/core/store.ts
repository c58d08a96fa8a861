/** The slice of the Web Storage API the SDK uses; tests pass a Map-backed fake. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A JSON key-value store that never throws. */
export interface SafeStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/**
 * Wraps a storage that may be missing, may throw on access (Safari private mode, sandboxed
 * iframes, blocked cookies, a full quota) or may hold garbage. Reads of bad JSON give undefined;
 * when the real storage fails, values live in memory for this page instead.
 *
 * @example safeStore(() => window.localStorage)
 */
export function safeStore(open: () => StorageLike | null | undefined): SafeStore {
  const memory = new Map<string, string>();
  let real: StorageLike | null | undefined;
  try {
    real = open();
  } catch {
    real = null;
  }
  const read = (key: string): string | null | undefined => {
    try {
      if (real) return real.getItem(key);
    } catch {
      // fall through to memory
    }
    return memory.get(key);
  };
  return {
    get<T>(key: string): T | undefined {
      try {
        const raw = read(key);
        return raw == null ? undefined : (JSON.parse(raw) as T);
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      const raw = JSON.stringify(value);
      memory.set(key, raw);
      try {
        real?.setItem(key, raw);
      } catch {
        // quota or denied: the memory copy serves this page
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        real?.removeItem(key);
      } catch {
        // nothing to undo
      }
    },
  };
}
