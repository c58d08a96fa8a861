import type { FastifyRequest } from "fastify";

/**
 * Query parameters that carry credentials: a render token is a bearer credential valid for up
 * to five minutes, a user hash proves a user's identity, an API key identifies a product. Log
 * files are read by more people than the secrets they would leak, so the values never reach
 * them; the names stay, so a log still shows how a request authenticated.
 */
const secretParams = new Set(["token", "api_key", "user_hash"]);

/** `url` with the values of credential-bearing query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return url;
  const fragmentStart = url.indexOf("#", queryStart);
  const queryEnd = fragmentStart < 0 ? url.length : fragmentStart;
  const pairs = url.slice(queryStart + 1, queryEnd).split("&");
  const redacted = pairs.map((pair) => {
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    return secretParams.has(decodedName(rawName).toLowerCase()) ? `${rawName}=[redacted]` : pair;
  });
  return `${url.slice(0, queryStart)}?${redacted.join("&")}${url.slice(queryEnd)}`;
}

/** A malformed escape (`%zz`) must not throw inside the logger: compare the raw name then. */
function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** Fastify's default request fields, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
