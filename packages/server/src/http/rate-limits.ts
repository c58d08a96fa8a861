import fastifyRateLimit, { normalizeIP, type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../compose.js";
import type { RateLimit } from "../config.js";
import { AppError } from "../domain/app-error.js";
import { hashToken } from "../domain/tenancy/secrets.js";
import { presentedKey, sessionCookie } from "./auth.js";
import { FallbackCounter } from "./fallback-counter.js";
import { isClientPath } from "./routes/client-routes.js";

/** Checks one limit for a request; throws a 429 AppError once it is exceeded. */
type Check = (request: FastifyRequest) => Promise<void>;

const loginRoute = "POST /api/v1/auth/login";
const setupRoute = "POST /api/v1/setup";
/** Routes that take a password: throttled per IP + email against brute force. */
const passwordRoutes = new Set([loginRoute, setupRoute]);
const routeOf = (r: FastifyRequest) => `${r.method} ${r.routeOptions.url ?? ""}`;

/** IPv6 clients are counted per /64, as one host usually owns a whole /64. */
const ipOf = (r: FastifyRequest) => (r.ip ? normalizeIP(r.ip, 64) : "unknown");

/** The presented API key or session, hashed: raw credentials never become Redis keys. */
function credentialOf(request: FastifyRequest, allowQueryKey: boolean): string | undefined {
  let credential: string | undefined;
  try {
    credential = presentedKey(request, allowQueryKey) ?? request.cookies[sessionCookie];
  } catch {
    return undefined; // A malformed credential: authentication answers 401 right after.
  }
  return credential ? hashToken(credential) : undefined;
}

function emailOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? hashToken(email.trim().toLowerCase()) : "";
}

/**
 * Per-key, per-IP, per-credential and login limits on @fastify/rate-limit's counters: in Redis
 * when REDIS_URL is set (every node shares them), else in this process. Limits are checked in
 * preParsing, after the client routes' CORS headers are set (so a browser can read the 429 and
 * its Retry-After) and before any body is read; the login limit needs the email, so it runs in
 * preValidation. If the counter store fails, requests go through: an outage of Redis must not
 * become an outage of Nudge. The password limits are the exception: they then count in this
 * process instead (FallbackCounter), so a Redis outage never opens the door to guessing.
 */
export async function registerRateLimits(app: FastifyInstance, services: Services) {
  const { rateLimits: limits, redisPrefix } = services.config;
  await app.register(fastifyRateLimit, {
    global: false,
    // Keys read `<prefix>rl:undefinedundefined-client-ip:<address>`: the library's Redis store
    // puts a route's method and URL there, and limiters made by createRateLimit() have none.
    ...(services.redis ? { redis: services.redis, nameSpace: `${redisPrefix}rl:` } : {}),
    // Store errors reach `limiter` below, which logs them before letting the request through.
    skipOnError: false,
  });

  let lastWarning = 0;
  const warnStoreFailed = (request: FastifyRequest, error: unknown) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    request.log.warn(
      { err: error },
      "rate-limit store failed: only password routes are limited meanwhile (per node)",
    );
  };

  /** A check counting `limit` per id; no check at all when the limit is off. */
  function limiter(
    name: string,
    limit: RateLimit | null,
    what: string,
    idOf: (request: FastifyRequest) => string | undefined,
    onStoreFailure: "let-through" | "count-locally" = "let-through",
  ): Check[] {
    if (!limit) return [];
    const refuse = (after: number) =>
      new AppError("rate_limited", `Too many requests ${what}; retry in ${after} s`, {
        headers: { "retry-after": String(after) },
      });
    const local =
      onStoreFailure === "count-locally" ? new FallbackCounter(limit.max, limit.windowMs) : null;
    const ids = new WeakMap<FastifyRequest, string>();
    const options: RateLimitOptions = {
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${name}:${ids.get(request)}`,
      // In-process counters: an LRU this large keeps every active client's count.
      cache: 50_000,
    };
    const count = app.createRateLimit(options);
    return [
      async (request) => {
        const id = idOf(request);
        if (id === undefined) return;
        ids.set(request, id);
        let result: Awaited<ReturnType<typeof count>>;
        try {
          result = await count(request);
        } catch (error) {
          warnStoreFailed(request, error);
          const after = local?.hit(`${name}:${id}`);
          if (after) throw refuse(after);
          return;
        }
        if (result.isAllowed || !result.isExceeded) return;
        throw refuse(Math.max(1, result.ttlInSeconds));
      },
    ];
  }

  // The IP is checked first, so a client refused for its IP spends nothing of its key's budget.
  const client = [
    ...limiter("client-ip", limits.clientPerIp, "from this IP address", ipOf),
    // The publishable key is public, so anyone may spend its budget: the per-IP limit above
    // bounds each spender, and the default is high enough to need a botnet.
    ...limiter("client-key", limits.clientPerKey, "with this API key", (r) =>
      credentialOf(r, true),
    ),
  ];
  const admin = [
    ...limiter("admin-ip", limits.adminPerIp, "from this IP address", ipOf),
    ...limiter("admin-credential", limits.adminPerCredential, "with this credential", (r) =>
      credentialOf(r, false),
    ),
  ];
  const loginIp = limiter(
    "login-ip",
    limits.loginPerIp,
    "to log in from this IP address",
    ipOf,
    "count-locally",
  );
  const ipAndEmail = (r: FastifyRequest) => `${ipOf(r)}:${emailOf(r)}`;
  // Counted apart, so the first-run setup does not spend its owner's login attempts.
  const perEmail = {
    [loginRoute]: limiter(
      "login-email",
      limits.loginPerEmail,
      "to log in to this account from this IP address",
      ipAndEmail,
      "count-locally",
    ),
    [setupRoute]: limiter(
      "setup-email",
      limits.loginPerEmail,
      "to set up",
      ipAndEmail,
      "count-locally",
    ),
  };

  const checksFor = (request: FastifyRequest): Check[] => {
    // Preflights carry no credential and are cached by browsers for a day.
    if (request.method === "OPTIONS") return [];
    const path = request.url.split("?")[0] ?? "";
    if (isClientPath(path)) return client;
    if (passwordRoutes.has(routeOf(request))) return loginIp;
    // Health checks, the SDK, the dashboard's files and the API docs stay unlimited.
    return path.startsWith("/api/") ? admin : [];
  };

  app.addHook("preParsing", async (request) => {
    for (const check of checksFor(request)) await check(request);
  });
  app.addHook("preValidation", async (request) => {
    const route = routeOf(request);
    if (route !== loginRoute && route !== setupRoute) return;
    for (const check of perEmail[route]) await check(request);
  });
}
