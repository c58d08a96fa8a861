import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildMessage } from "./fixtures.js";

/** The ids an admin route's path (and some bodies) are filled with. */
export interface RouteIds {
  organizationId: string;
  productId: string;
  messageId: string;
  keyId: string;
  segmentId: string;
  experimentId: string;
  accountId: string;
}

/**
 * - `product`: under /products/:productId — a foreign product answers 404.
 * - `organization`: names an organization (path or body) — a foreign one answers 404.
 * - `caller`: about the caller only (`/me`, the product list); no id to get wrong.
 */
export type RouteScope = "product" | "organization" | "caller";

export type AdminMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface AdminRoute {
  method: AdminMethod;
  /** Exactly as registered, e.g. `/api/v1/products/:productId/messages/:id`. */
  route: string;
  scope: RouteScope;
  /** Changes something: viewers get 403, cookie-authenticated calls get the Origin check. */
  write: boolean;
  /** Dashboard sessions only: an API key (even a secret one) gets 403. */
  sessionOnly?: boolean;
  /** Organization owners only: editors and viewers get 403. */
  ownerOnly?: boolean;
  /** A read that reveals a secret: viewers get 403 although it changes nothing. */
  editorOnly?: boolean;
  /** The status an allowed caller gets. */
  ok: number;
  query?: string;
  /** A body that passes validation, so the answer is about access, not about the input. */
  body?: (ids: RouteIds) => unknown;
}

let emailCounter = 0;
const uniqueEmail = (label = "member") =>
  `${label.toLowerCase()}-${++emailCounter}-${Date.now()}@example.com`;
const segmentBody = { name: "Pro users", filter: { trait: "plan", op: "eq", value: "pro" } };

const products = "/api/v1/products";
const product = `${products}/:productId`;
const message = `${product}/messages/:id`;
const segment = `${product}/segments/:id`;
const experiment = `${product}/experiments/:id`;
const members = "/api/v1/organizations/:organizationId/members";

/** Every admin route of the app. A route missing here fails the coverage tests. */
export const adminRoutes: AdminRoute[] = [
  { method: "GET", route: "/api/v1/me", scope: "caller", write: false, sessionOnly: true, ok: 200 },
  { method: "GET", route: products, scope: "caller", write: false, ok: 200 },
  {
    method: "POST",
    route: products,
    scope: "organization",
    write: true,
    sessionOnly: true,
    ownerOnly: true,
    ok: 201,
    body: (ids) => ({ name: "Another product", organizationId: ids.organizationId }),
  },
  { method: "GET", route: product, scope: "product", write: false, ok: 200 },
  {
    method: "PATCH",
    route: product,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ autoRender: false, attentionBudget: { maxPerDay: 3 } }),
  },
  { method: "GET", route: `${product}/keys`, scope: "product", write: false, ok: 200 },
  {
    method: "POST",
    route: `${product}/keys`,
    scope: "product",
    write: true,
    ok: 201,
    body: () => ({ type: "publishable", name: "Another key" }),
  },
  { method: "DELETE", route: `${product}/keys/:keyId`, scope: "product", write: true, ok: 204 },
  {
    method: "GET",
    route: `${product}/identity-secret`,
    scope: "product",
    write: false,
    editorOnly: true,
    ok: 200,
  },
  {
    method: "POST",
    route: `${product}/identity-secret/rotate`,
    scope: "product",
    write: true,
    ok: 200,
  },
  { method: "GET", route: `${product}/messages`, scope: "product", write: false, ok: 200 },
  {
    method: "POST",
    route: `${product}/messages`,
    scope: "product",
    write: true,
    ok: 201,
    body: () => buildMessage({ name: "Created by the route table" }),
  },
  { method: "GET", route: message, scope: "product", write: false, ok: 200 },
  {
    method: "PUT",
    route: message,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ ...buildMessage({ name: "Replaced" }), version: 1 }),
  },
  {
    method: "PATCH",
    route: message,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ version: 1, priority: 60 }),
  },
  { method: "DELETE", route: message, scope: "product", write: true, ok: 204 },
  { method: "GET", route: `${message}/translations`, scope: "product", write: false, ok: 200 },
  {
    method: "PUT",
    route: `${message}/translations`,
    scope: "product",
    write: true,
    ok: 200,
    // buildMessage() has two steps.
    body: () => ({
      version: 1,
      steps: [{ translations: { fr: { title: "Bienvenue" } } }, { translations: {} }],
    }),
  },
  { method: "GET", route: `${message}/stats`, scope: "product", write: false, ok: 200 },
  {
    method: "GET",
    route: `${message}/diagnose`,
    scope: "product",
    write: false,
    ok: 200,
    query: "distinct_id=user-1&path=/app",
  },
  {
    method: "POST",
    route: `${message}/variants`,
    scope: "product",
    write: true,
    ok: 201,
    body: () => ({ variantKey: "bold_copy" }),
  },
  { method: "GET", route: experiment, scope: "product", write: false, ok: 200 },
  {
    method: "PATCH",
    route: experiment,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ version: 1, goal: { type: "complete" } }),
  },
  { method: "GET", route: `${experiment}/results`, scope: "product", write: false, ok: 200 },
  {
    method: "POST",
    route: `${experiment}/apply-winner`,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ variantKey: "treatment" }),
  },
  { method: "GET", route: `${product}/stats`, scope: "product", write: false, ok: 200 },
  { method: "GET", route: `${product}/event-names`, scope: "product", write: false, ok: 200 },
  { method: "GET", route: `${product}/trait-keys`, scope: "product", write: false, ok: 200 },
  {
    method: "GET",
    route: `${product}/users/:distinctId`,
    scope: "product",
    write: false,
    ok: 200,
  },
  { method: "GET", route: `${product}/segments`, scope: "product", write: false, ok: 200 },
  {
    method: "POST",
    route: `${product}/segments`,
    scope: "product",
    write: true,
    ok: 201,
    body: () => segmentBody,
  },
  { method: "GET", route: segment, scope: "product", write: false, ok: 200 },
  {
    method: "PUT",
    route: segment,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ ...segmentBody, name: "Renamed segment" }),
  },
  { method: "DELETE", route: segment, scope: "product", write: true, ok: 204 },
  {
    method: "PUT",
    route: `${product}/users/:distinctId/scores`,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ churnProb: 0.5 }),
  },
  {
    method: "POST",
    route: `${product}/scores`,
    scope: "product",
    write: true,
    ok: 200,
    body: () => ({ scores: [{ distinctId: "user-1", churnProb: 0.2 }] }),
  },
  {
    method: "POST",
    route: `${product}/segments/count`,
    scope: "product",
    write: false,
    ok: 200,
    body: () => ({ filter: segmentBody.filter }),
  },
  {
    method: "GET",
    route: members,
    scope: "organization",
    write: false,
    sessionOnly: true,
    ok: 200,
  },
  {
    method: "POST",
    route: members,
    scope: "organization",
    write: true,
    sessionOnly: true,
    ownerOnly: true,
    ok: 201,
    body: () => ({ email: uniqueEmail(), password: "initial password", role: "viewer" }),
  },
  {
    method: "PATCH",
    route: `${members}/:accountId`,
    scope: "organization",
    write: true,
    sessionOnly: true,
    ownerOnly: true,
    ok: 204,
    body: () => ({ role: "editor" }),
  },
  {
    method: "DELETE",
    route: `${members}/:accountId`,
    scope: "organization",
    write: true,
    sessionOnly: true,
    ownerOnly: true,
    ok: 204,
  },
];

/**
 * Pages for people, not API routes: the dashboard SPA (static files, and index.html for its
 * client-side routes). They hold no tenant data and are left out of the OpenAPI document.
 */
export const pageRoutes: string[] = [
  "GET /",
  "GET /*",
  // The browser SDK bundles and the demo host page: static files, no tenant data.
  "GET /sdk.js",
  "GET /sdk.esm.js",
  "GET /sdk/:version/nudge.js",
  "GET /sdk/:version/content.js",
  "GET /demo",
  "GET /demo*",
  "GET /demo.css",
  "GET /demo.js",
];

/** Registered routes that are not admin routes: public, or for the client API (publishable key). */
export const nonAdminRoutes: string[] = [
  ...pageRoutes,
  "GET /healthz",
  "GET /api/v1/setup",
  "POST /api/v1/setup",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "GET /api/v1/messages/active",
  "POST /api/v1/messages/:id/track",
  "POST /api/v1/events",
  "POST /api/v1/identify",
  "POST /api/v1/messages/:id/render-token",
  "GET /api/v1/messages/:id/render",
];

export const routeName = (r: { method: string; route: string }) => `${r.method} ${r.route}`;

/** Fills a route's path parameters; `:id` is a message, segment or experiment, by its path. */
export function urlOf(r: AdminRoute, ids: RouteIds): string {
  const path = r.route
    .replace(":productId", ids.productId)
    .replace(":organizationId", ids.organizationId)
    .replace(":accountId", ids.accountId)
    .replace(":keyId", ids.keyId)
    .replace(":distinctId", "user-1")
    .replace(":id", idFor(r.route, ids));
  return r.query ? `${path}?${r.query}` : path;
}

function idFor(route: string, ids: RouteIds): string {
  if (route.includes("/segments/")) return ids.segmentId;
  if (route.includes("/experiments/")) return ids.experimentId;
  return ids.messageId;
}

/** Calls one admin route with the given credentials (headers) and a valid body. */
export function callRoute(
  app: FastifyInstance,
  r: AdminRoute,
  ids: RouteIds,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const body = r.body?.(ids);
  return app.inject({
    method: r.method,
    url: urlOf(r, ids),
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/**
 * A fresh message, segment, publishable key and experiment in `target`'s product, created with `headers`
 * (so a destructive call never consumes a shared fixture); given an owner session, also a fresh
 * viewer member of `target`'s organization.
 */
export async function freshIds(
  app: FastifyInstance,
  target: { organizationId: string; productId: string },
  headers: Record<string, string>,
  options: { ownerCookie?: string; accountId?: string; label?: string } = {},
): Promise<RouteIds> {
  const label = options.label ?? "Fixture";
  const { organizationId, productId } = target;
  const post = async (url: string, payload: object, auth = headers) => {
    const res = await app.inject({ method: "POST", url, headers: auth, payload });
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; accountId: string; experiment: { id: string } };
  };
  const base = `/api/v1/products/${productId}`;
  const messageId = (await post(`${base}/messages`, buildMessage({ name: `${label} message` }))).id;
  const segmentId = (await post(`${base}/segments`, { ...segmentBody, name: `${label} segment` }))
    .id;
  const keyId = (await post(`${base}/keys`, { type: "publishable", name: `${label} key` })).id;
  const armed = (await post(`${base}/messages`, buildMessage({ name: `${label} experiment` }))).id;
  const variant = await post(`${base}/messages/${armed}/variants`, {});
  const experimentId = variant.experiment.id;
  let accountId = options.accountId ?? "acc_000000000000000000000000";
  if (options.ownerCookie && options.accountId === undefined) {
    const member = { email: uniqueEmail(label), password: "initial password", role: "viewer" };
    const url = `/api/v1/organizations/${organizationId}/members`;
    accountId = (await post(url, member, { cookie: options.ownerCookie })).accountId;
  }
  return { organizationId, productId, messageId, keyId, segmentId, experimentId, accountId };
}

/**
 * Every route the app registered, as "METHOD /path", without HEAD/OPTIONS, the catch-all and
 * the API description (`/openapi.json`, `/docs…`). Parsed from `printRoutes()`, whose tree
 * splits paths at arbitrary characters: a node's full path is its parent's plus its own label.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const lines = app.printRoutes({ commonPrefix: false }).split("\n");
  const stack: string[] = [];
  const found = new Set<string>();
  for (const line of lines) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? "") + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? "").split(",").map((m) => m.trim())) {
      if (!method || method === "HEAD" || method === "OPTIONS") continue;
      if (path === "*" || path === "/openapi.json" || path.startsWith("/docs")) continue;
      found.add(`${method} ${path}`);
    }
  }
  return [...found].sort();
}
