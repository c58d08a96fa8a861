import { randomUUID } from "node:crypto";
import type { InjectOptions } from "fastify";
import { nonAdminRoutes, type RouteIds } from "./route-table.js";

/** The client API's routes (publishable key): setup, login and health aside. */
export const clientRoutes = nonAdminRoutes.filter(
  (r) => r.includes(" /api/v1/") && !/\/(setup|auth)\b/.test(r),
);

type Call = (ids: RouteIds, distinctId: string, plan: string) => InjectOptions;

/**
 * One call of each client route aimed at `ids.messageId` and `distinctId`, setting trait
 * `plan`; credentials are the caller's to add. A client route missing here fails the tenancy
 * suite's coverage test.
 */
export const clientCalls: Record<string, Call> = {
  "GET /api/v1/messages/active": (_ids, distinctId) => ({
    method: "GET",
    url: `/api/v1/messages/active?distinct_id=${encodeURIComponent(distinctId)}`,
  }),
  "POST /api/v1/messages/:id/track": (ids, distinctId) => ({
    method: "POST",
    url: `/api/v1/messages/${ids.messageId}/track`,
    payload: { type: "dismiss", distinctId },
  }),
  "POST /api/v1/events": (ids, distinctId) => ({
    method: "POST",
    url: "/api/v1/events",
    payload: {
      batch: ["message_impression", "message_dismiss", "$milestone", "alpha_event"].map(
        (event) => ({
          uuid: randomUUID(),
          event,
          distinctId,
          properties: { messageId: ids.messageId, name: "alpha-milestone" },
        }),
      ),
    },
  }),
  "POST /api/v1/identify": (_ids, distinctId, plan) => ({
    method: "POST",
    url: "/api/v1/identify",
    payload: { distinctId, traits: { plan } },
  }),
  "POST /api/v1/messages/:id/render-token": (ids, distinctId) => ({
    method: "POST",
    url: `/api/v1/messages/${ids.messageId}/render-token`,
    payload: { distinctId },
  }),
  "GET /api/v1/messages/:id/render": (ids) => ({
    method: "GET",
    url: `/api/v1/messages/${ids.messageId}/render`,
  }),
};

export function clientCall(name: string, ids: RouteIds, distinctId: string, plan: string) {
  const call = clientCalls[name];
  if (!call) throw new Error(`no client call for ${name}: add one to support/client-calls.ts`);
  return call(ids, distinctId, plan);
}
