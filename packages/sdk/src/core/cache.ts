import type { SafeStore } from "./store.js";
import type { ActiveResponse } from "./types.js";

interface Cached {
  id: string;
  at: number;
  ttl: number;
  r: ActiveResponse;
}

/** The active list cached for this distinct id, if it is younger than refreshAfterSeconds. */
export function readActive(store: SafeStore, key: string, id: string, now: number) {
  const c = store.get<Cached>(key);
  return c?.id === id && now >= c.at && now - c.at < c.ttl && isActiveResponse(c.r) ? c.r : null;
}

export function writeActive(
  store: SafeStore,
  key: string,
  id: string,
  r: ActiveResponse,
  now: number,
) {
  const seconds = Number(r.refreshAfterSeconds);
  store.set(key, { id, at: now, ttl: (Number.isFinite(seconds) ? seconds : 300) * 1000, r });
}

export function isActiveResponse(value: unknown): value is ActiveResponse {
  return Array.isArray((value as ActiveResponse | null)?.messages);
}
