import type { HttpResult, Transport } from "../core/platform.js";

/** Bodies up to this many UTF-16 units fit the 64 KiB keepalive budget even as 3-byte UTF-8. */
const KEEPALIVE_CHARS = 20_000;

/**
 * fetch looked up on every call, so a wrapper the host installs later still sees our requests;
 * a missing or broken fetch answers status 0 (retry later) instead of throwing.
 */
function call(url: string, init: RequestInit, json: boolean): Promise<HttpResult> {
  const f = globalThis.fetch;
  if (typeof f !== "function") return Promise.resolve({ status: 0 });
  return Promise.resolve()
    .then(() => f(url, { credentials: "omit", ...init }))
    .then(async (res) => ({
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      body: json && res.ok ? await res.json() : null,
    }))
    .catch(() => ({ status: 0 }));
}

export function browserTransport(): Transport {
  return {
    get: (url) => call(url, {}, true),
    // A string body is sent as text/plain, a "simple" request: no CORS preflight.
    post: (url, body) =>
      call(url, { method: "POST", body, keepalive: body.length <= KEEPALIVE_CHARS }, false),
    beacon(url, body) {
      try {
        return navigator.sendBeacon(url, body);
      } catch {
        return false;
      }
    },
  };
}
