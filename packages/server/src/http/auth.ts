import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../compose.js";
import { AppError } from "../domain/app-error.js";
import {
  type AccessNeed,
  type Principal,
  type ProductAccess,
  resolveProductAccess,
} from "../domain/tenancy/access.js";

export const sessionCookie = "nudge_session";

const unauthorized = (detail: string) => new AppError("unauthorized", detail);

/**
 * Reads the key from `Authorization: Bearer …` or `X-API-Key`; on client routes also from
 * `?api_key=` (publishable keys only), because browsers cannot send headers with sendBeacon
 * and a custom header would cost every SDK request a CORS preflight.
 */
export function presentedKey(request: FastifyRequest, allowQueryKey = false): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthorized("Authorization must be `Bearer <key>`");
    return match[1];
  }
  const apiKey = request.headers["x-api-key"];
  if (typeof apiKey === "string" && apiKey.length > 0) return apiKey;
  const fromQuery = allowQueryKey ? (request.query as { api_key?: unknown }).api_key : undefined;
  if (typeof fromQuery === "string" && fromQuery.length > 0) {
    // A secret key in a URL ends up in logs and browser history: refuse it outright.
    if (!fromQuery.startsWith("pk_"))
      throw unauthorized("Only publishable keys may be sent as ?api_key=");
    return fromQuery;
  }
  return undefined;
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** Who is calling, or a 401 when no valid credential was presented; resolved once per request. */
export async function requirePrincipal(
  services: Services,
  request: FastifyRequest,
  allowQueryKey = false,
): Promise<Principal> {
  const known = principals.get(request);
  if (known) return known;
  const principal = await resolvePrincipal(services, request, allowQueryKey);
  principals.set(request, principal);
  return principal;
}

/**
 * Authentication runs before body validation, so a caller without a valid key learns nothing
 * about a route's schema: 401 first, 400 only for the authenticated.
 */
export function authenticateFirst(
  app: FastifyInstance,
  services: Services,
  options: { allowQueryKey?: boolean } = {},
): void {
  app.addHook("preValidation", async (request) => {
    await requirePrincipal(services, request, options.allowQueryKey);
  });
}

async function resolvePrincipal(
  services: Services,
  request: FastifyRequest,
  allowQueryKey: boolean,
): Promise<Principal> {
  const key = presentedKey(request, allowQueryKey);
  if (key !== undefined) {
    const record = await services.keys.resolve(key);
    if (!record || record.revoked) throw unauthorized("Invalid or revoked API key");
    noteKeyUse(services, record.productId, record.id);
    return { kind: "key", key: record };
  }
  const token = request.cookies[sessionCookie];
  if (token) {
    const accountId = await services.sessions.resolve(token);
    if (accountId) {
      refuseCrossSiteWrite(request);
      return { kind: "session", accountId };
    }
  }
  throw unauthorized("Send an API key (Authorization: Bearer <key>) or log in");
}

/** For routes under /products/:productId: the caller's access, or 401/403/404. */
export async function requireProductAccess(
  services: Services,
  request: FastifyRequest,
  productId: string,
  need: AccessNeed,
): Promise<ProductAccess> {
  const principal = await requirePrincipal(services, request);
  return resolveProductAccess(services.stores.tenancy, principal, productId, need);
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cookie-authenticated writes must come from our own origin. SameSite=Lax already stops most
 * cross-site requests; the Origin check also covers same-site subdomains and old browsers.
 */
function refuseCrossSiteWrite(request: FastifyRequest): void {
  if (!unsafeMethods.has(request.method)) return;
  const origin = request.headers.origin;
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite === "cross-site") throw csrf();
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw csrf();
  }
  if (originHost !== request.headers.host) throw csrf();
}

const csrf = () =>
  new AppError("forbidden", "Cross-site request refused: the Origin does not match this server");

// last_used_at is informational; writing it on every request would turn each read into a write.
const lastTouched = new Map<string, number>();
function noteKeyUse(services: Services, productId: string, keyId: string): void {
  const now = services.clock.now();
  if ((lastTouched.get(keyId) ?? 0) > now - 60_000) return;
  lastTouched.set(keyId, now);
  if (lastTouched.size > 10_000) lastTouched.clear();
  services.stores.tenancy.touchKey(productId, keyId, now).catch(() => {});
}
