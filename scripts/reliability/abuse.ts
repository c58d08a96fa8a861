import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../packages/server/src/config.js";
import {
  adminRoutes,
  type RouteIds,
  urlOf,
} from "../../packages/server/test/support/route-table.js";
import {
  buildBundle,
  type NodeProcess,
  type ServerMode,
  setupTenant,
  startNudge,
} from "../support/nudge-server.js";
import { Checks } from "./support/checks.js";

/**
 * `npm run reliability:abuse` — issue 8, acceptance line 6, over real HTTP against the real
 * server with its shipped rate-limit defaults (no test overrides): a publishable key reaches no
 * admin route; the rate limit answers 429 with Retry-After; login is throttled against brute
 * force; the session cookie is HttpOnly and SameSite; a cross-site cookie-authenticated write
 * is refused. The in-process suites (auth-api, rate-limit-api) prove the same per route and
 * per setting; this shows it holds end to end on a running server.
 *
 *   --server bundle|tsx   run the server as `npm start` does (default) or from the sources
 */
const { values: args } = parseArgs({ options: { server: { type: "string", default: "bundle" } } });
const mode = args.server as ServerMode;
const checks = new Checks();
const defaults = loadConfig({}).rateLimits;

type Headers = Record<string, string>;
interface Answer {
  status: number;
  headers: globalThis.Headers;
  text: string;
}

async function main(): Promise<void> {
  if (mode === "bundle") buildBundle();
  const dataDir = mkdtempSync(join(tmpdir(), "nudge-abuse-"));
  let server: NodeProcess | undefined;
  try {
    server = await startNudge(mode, { NUDGE_DATA_DIR: dataDir }, { limits: "defaults" });
    const base = server.url;
    const call = async (
      method: string,
      path: string,
      headers: Headers = {},
      body?: unknown,
    ): Promise<Answer> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: "manual",
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    const tenant = await setupTenant(base);
    const sk = { authorization: `Bearer ${tenant.secretKey}` };
    const ids = await fixtures(call, tenant, sk);

    // 1. A publishable key reaches no admin route, however it is sent.
    let pkCalls = 0;
    const pkLeaks: string[] = [];
    for (const r of adminRoutes) {
      const url = urlOf(r, ids);
      const sep = url.includes("?") ? "&" : "?";
      for (const [how, path, headers] of [
        ["Bearer", url, { authorization: `Bearer ${tenant.publishableKey}` }],
        ["X-API-Key", url, { "x-api-key": tenant.publishableKey }],
        ["?api_key=", `${url}${sep}api_key=${tenant.publishableKey}`, {}],
      ] as const) {
        const res = await call(r.method, path, headers, r.body?.(ids));
        pkCalls++;
        if (res.status !== 401 && res.status !== 403)
          pkLeaks.push(`${r.method} ${r.route} (${how}) → ${res.status}`);
      }
    }
    checks.expect(
      `publishable key on every admin route (${adminRoutes.length} routes × 3 ways) → 401/403`,
      pkLeaks.length === 0,
      pkLeaks.length ? pkLeaks.slice(0, 3).join("; ") : `${pkCalls} calls, 0 allowed`,
    );

    // 2. The session cookie, as a browser receives it.
    const login = await call(
      "POST",
      "/api/v1/auth/login",
      {},
      { email: "owner@example.com", password: "correct horse battery" },
    );
    const setCookie = login.headers.get("set-cookie") ?? "";
    const attrs = setCookie.split(";").map((a) => a.trim().toLowerCase());
    checks.expect(
      "session cookie is HttpOnly",
      attrs.includes("httponly"),
      setCookie.replace(/=[^;]+/, "=…"),
    );
    checks.expect(
      "session cookie is SameSite=Lax (or Strict)",
      attrs.includes("samesite=lax") || attrs.includes("samesite=strict"),
      attrs.filter((a) => a.startsWith("samesite")).join(),
    );
    checks.expect(
      "session cookie is host-only with Path=/ (no Domain)",
      attrs.includes("path=/") && !attrs.some((a) => a.startsWith("domain=")),
      attrs.filter((a) => a.startsWith("path") || a.startsWith("domain")).join(),
    );
    const cookie = { cookie: setCookie.split(";")[0]! };

    // 3. CSRF: every cookie-authenticated write from another site is refused.
    const host = new URL(base).host;
    const crossSite: Headers[] = [
      { origin: "https://evil.example" },
      { origin: `https://${host}.evil.example` },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { origin: `http://${host}`, "sec-fetch-site": "cross-site" },
    ];
    const writes = adminRoutes.filter((r) => r.write);
    const csrfLeaks: string[] = [];
    for (const r of writes) {
      for (const extra of crossSite) {
        const res = await call(r.method, urlOf(r, ids), { ...cookie, ...extra }, r.body?.(ids));
        if (res.status !== 403)
          csrfLeaks.push(`${r.method} ${r.route} ${JSON.stringify(extra)} → ${res.status}`);
      }
    }
    const sameOrigin = await call(
      "POST",
      `/api/v1/products/${tenant.productId}/segments`,
      { ...cookie, origin: `http://${host}`, "sec-fetch-site": "same-origin" },
      { name: "Same origin", filter: { trait: "plan", op: "eq", value: "pro" } },
    );
    checks.expect(
      `cross-site cookie writes (${writes.length} routes × ${crossSite.length} forms) → 403`,
      csrfLeaks.length === 0,
      csrfLeaks.length
        ? csrfLeaks.slice(0, 3).join("; ")
        : `${writes.length * crossSite.length} refused`,
    );
    checks.expect(
      "the same write from the dashboard's own origin is allowed",
      sameOrigin.status === 201,
      sameOrigin.status,
    );

    // 4. Rate limits at their defaults: client routes per IP, admin routes per credential.
    await limited(
      "client routes per IP",
      defaults.clientPerIp,
      () =>
        call("GET", `/api/v1/messages/active?distinct_id=u&api_key=${tenant.publishableKey}`, {
          origin: "https://shop.example",
        }),
      true,
    );
    await limited(
      "admin routes per secret key",
      defaults.adminPerCredential,
      () => call("GET", `/api/v1/products/${tenant.productId}`, sk),
      false,
    );

    // 5. Login brute force: one account from one address, then many accounts from it.
    const member = await call(
      "POST",
      `/api/v1/organizations/${tenant.organizationId}/members`,
      { ...cookie, origin: `http://${host}` },
      { email: "target@example.com", password: "the right password", role: "viewer" },
    );
    if (member.status !== 201) throw new Error(`member: ${member.status} ${member.text}`);
    const perEmail = defaults.loginPerEmail?.max ?? 0;
    let wrong = 0;
    let refusedAt = 0;
    for (let i = 1; i <= perEmail + 1; i++) {
      const res = await call(
        "POST",
        "/api/v1/auth/login",
        {},
        { email: "target@example.com", password: `guess ${i}` },
      );
      if (res.status === 401) wrong++;
      else if (res.status === 429) {
        refusedAt = i;
        break;
      }
    }
    const right = await call(
      "POST",
      "/api/v1/auth/login",
      {},
      { email: "Target@Example.com", password: "the right password" },
    );
    checks.expect(
      `login: ${perEmail} guesses on one account, then 429`,
      wrong === perEmail && refusedAt === perEmail + 1,
      `${wrong} × 401, 429 at attempt ${refusedAt}`,
    );
    checks.expect(
      "login: …even with the right password (any case of the email), with Retry-After",
      right.status === 429 &&
        Number(right.headers.get("retry-after")) > 0 &&
        !right.headers.get("set-cookie"),
      `${right.status}, Retry-After ${right.headers.get("retry-after")}`,
    );
    let sprayed = 0;
    let sprayRefused = false;
    for (let i = 0; i < (defaults.loginPerIp?.max ?? 0) + 1; i++) {
      const res = await call(
        "POST",
        "/api/v1/auth/login",
        {},
        { email: `user-${i}@example.com`, password: "Winter2026!" },
      );
      if (res.status === 429) {
        sprayRefused = true;
        break;
      }
      sprayed++;
    }
    checks.expect(
      `login: one address spraying many accounts is cut off within ${defaults.loginPerIp?.max} attempts in all`,
      sprayRefused,
      `${sprayed} more attempts allowed before 429`,
    );
  } finally {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Calls `request` until a 429; it must come right after `limit.max` answers, as problem+json with Retry-After. */
async function limited(
  label: string,
  limit: { max: number; windowMs: number } | null,
  request: () => Promise<Answer>,
  cors: boolean,
): Promise<void> {
  if (!limit) throw new Error(`${label}: no default limit`);
  let ok = 0;
  let refused: Answer | undefined;
  for (let i = 0; i < limit.max + 5 && !refused; i++) {
    const res = await request();
    if (res.status === 429) refused = res;
    else if (res.status < 300) ok++;
  }
  const retryAfter = Number(refused?.headers.get("retry-after"));
  const problem = refused ? (JSON.parse(refused.text) as { code?: string }) : {};
  checks.expect(
    `${label}: 429 after the default ${limit.max}/${limit.windowMs / 1000}s`,
    refused !== undefined && ok <= limit.max,
    `${ok} answered before the 429`,
  );
  checks.expect(
    `${label}: 429 is problem+json rate_limited with Retry-After in 1…${limit.windowMs / 1000} s`,
    problem.code === "rate_limited" &&
      Number.isInteger(retryAfter) &&
      retryAfter >= 1 &&
      retryAfter <= limit.windowMs / 1000 &&
      (refused?.headers.get("content-type") ?? "").includes("application/problem+json"),
    `Retry-After ${retryAfter}`,
  );
  if (cors) {
    const exposed = refused?.headers.get("access-control-expose-headers") ?? "";
    checks.expect(
      `${label}: a browser on another origin can read Retry-After`,
      /retry-after/i.test(exposed),
      exposed,
    );
  }
}

/** A message, segment, key, experiment and member of the tenant, for the routes' paths. */
async function fixtures(
  call: (method: string, path: string, headers?: Headers, body?: unknown) => Promise<Answer>,
  tenant: { organizationId: string; productId: string },
  sk: Headers,
): Promise<RouteIds> {
  const base = `/api/v1/products/${tenant.productId}`;
  const post = async (path: string, body: unknown) => {
    const res = await call("POST", path, sk, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as { id: string; experiment: { id: string } };
  };
  const message = {
    name: "Abuse",
    trigger: { type: "page" },
    steps: [{ type: "modal", body: "Hi" }],
  };
  const messageId = (await post(`${base}/messages`, message)).id;
  const segmentId = (
    await post(`${base}/segments`, {
      name: "Pro",
      filter: { trait: "plan", op: "eq", value: "pro" },
    })
  ).id;
  const keyId = (await post(`${base}/keys`, { type: "publishable", name: "Spare" })).id;
  const armed = (await post(`${base}/messages`, message)).id;
  const experimentId = (await post(`${base}/messages/${armed}/variants`, {})).experiment.id;
  return {
    ...tenant,
    messageId,
    segmentId,
    keyId,
    experimentId,
    accountId: "acc_000000000000000000000000",
  };
}

await main();
checks.print("abuse: checks");
console.log(
  checks.failed.length === 0 ? "\nall abuse checks passed" : "\nSOME ABUSE CHECKS FAILED",
);
process.exit(checks.failed.length === 0 ? 0 : 1);
