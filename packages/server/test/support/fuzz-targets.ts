import { readFileSync } from "node:fs";
import { bearer, type Tenant } from "./fixtures.js";
import { adminRoutes, nonAdminRoutes, type RouteIds, routeName } from "./route-table.js";

/**
 * The valid request of every route, the base each case of fuzz-routes-api.test.ts departs from:
 * its path parameters, query, body, content type and credentials.
 */

/** The pinned SDK routes answer only for the SDK's own version: the intact request is a 200. */
const sdkVersion = (
  JSON.parse(readFileSync(new URL("../../../sdk/package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

export type Creds = Record<string, string>;

export interface Fixtures {
  tenant: Tenant;
  ids: RouteIds;
  owner: string;
  /** A session of its own, for POST /auth/logout to end without logging the owner out. */
  spare: string;
}

/** A valid request of one route, the base every fuzzed case departs from. */
export interface Target {
  name: string;
  method: string;
  route: string;
  params: Record<string, string>;
  query: string;
  body: unknown;
  /** text/plain for client routes (as the SDK sends), JSON elsewhere. */
  contentType: string;
  headers: Creds;
}

/** Client and public routes: their valid bases (admin routes take theirs from the route table). */
function publicBase(name: string, f: Fixtures): Omit<Target, "name" | "method" | "route"> {
  const pk = bearer(f.tenant.publishableKey);
  const text = "text/plain";
  const json = "application/json";
  const none = { params: {}, query: "", body: undefined, contentType: json, headers: {} };
  switch (name) {
    case "GET /api/v1/messages/active":
      return { ...none, query: "distinct_id=user-1&trigger=page", headers: pk };
    case "POST /api/v1/messages/:id/track":
      return {
        ...none,
        params: { id: f.ids.messageId },
        body: { type: "impression", distinctId: "user-1", step: 0 },
        contentType: text,
        headers: pk,
      };
    case "POST /api/v1/events":
      return {
        ...none,
        body: {
          batch: [
            { uuid: "fuzz-event", event: "$pageview", distinctId: "user-1", properties: {} },
            {
              uuid: "fuzz-impression",
              event: "message_impression",
              distinctId: "user-1",
              properties: { messageId: f.ids.messageId, step: 0 },
              timestamp: "2026-06-01T12:00:00Z",
            },
          ],
        },
        contentType: text,
        headers: pk,
      };
    case "POST /api/v1/identify":
      return {
        ...none,
        body: { distinctId: "user-1", traits: { plan: "pro" }, anonymousId: "anon-1" },
        contentType: text,
        headers: pk,
      };
    case "POST /api/v1/setup":
      return {
        ...none,
        body: {
          email: "someone@example.com",
          password: "a long enough password",
          organizationName: "Org",
          productName: "Product",
        },
      };
    case "POST /api/v1/auth/login":
      return { ...none, body: { email: f.tenant.email, password: f.tenant.password } };
    case "POST /api/v1/auth/logout":
      return { ...none, headers: { cookie: f.spare } };
    case "GET /*":
      return { ...none, params: { "*": "messages/msg_1" }, headers: { accept: "text/html" } };
    case "GET /demo*":
      return { ...none, params: { "*": "/app/settings" }, query: "key=pk_x&id=user-1" };
    case "GET /sdk/:version/nudge.js":
    case "GET /sdk/:version/content.js":
      return { ...none, params: { version: sdkVersion } };
    default: {
      // A route added to the table without a base here still gets fuzzed, from a bare request.
      const params = Object.fromEntries(
        [...name.matchAll(/:(\w+)/g)].map((m) => [m[1]!, f.ids.messageId]),
      );
      return { ...none, params, headers: name.includes("/api/") ? pk : {} };
    }
  }
}

export function targetsOf(f: Fixtures): Target[] {
  const admin = adminRoutes.map((r): Target => {
    const params = Object.fromEntries(
      [...r.route.matchAll(/:(\w+)/g)].map((m) => [m[1]!, paramValue(m[1]!, r.route, f.ids)]),
    );
    return {
      name: routeName(r),
      method: r.method,
      route: r.route,
      params,
      query: r.query ?? "",
      body: r.body?.(f.ids),
      contentType: "application/json",
      headers: r.sessionOnly ? { cookie: f.owner } : bearer(f.tenant.secretKey),
    };
  });
  const others = nonAdminRoutes.map((name): Target => {
    const [method, route] = name.split(" ") as [string, string];
    return { name, method, route, ...publicBase(name, f) };
  });
  return [...admin, ...others];
}

function paramValue(name: string, route: string, ids: RouteIds): string {
  if (name === "productId") return ids.productId;
  if (name === "organizationId") return ids.organizationId;
  if (name === "accountId") return ids.accountId;
  if (name === "keyId") return ids.keyId;
  if (name === "distinctId") return "user-1";
  if (route.includes("/segments/")) return ids.segmentId;
  if (route.includes("/experiments/")) return ids.experimentId;
  return ids.messageId;
}
