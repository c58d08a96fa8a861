import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { bearer, buildMessage, json, type Tenant } from "./fixtures.js";
import type { TestApp } from "./test-app.js";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A fresh ingest uuid (the schema wants 8–100 letters, digits, - or _). */
export const uid = () => randomUUID();

export const iso = (ms: number) => new Date(ms).toISOString();

export interface ActiveBody {
  autoRender: boolean;
  refreshAfterSeconds: number;
  milestones: string[];
  messages: { id: string; name: string; priority: number }[];
}

export interface Check {
  rule: string;
  passed: boolean;
  reason: string;
}

export interface Diagnosis {
  messageId: string;
  distinctId: string;
  visible: boolean;
  checks: Check[];
  notes: string[];
}

export type EventInput = {
  uuid?: string;
  event: string;
  distinctId: string;
  properties?: Record<string, unknown>;
  timestamp?: string | number;
};

/** Asserts an RFC 9457 answer with this status and returns its body. */
export function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  const body = json<{ status: number; code: string; detail: string; errors?: { path: string }[] }>(
    res,
  );
  expect(body.status).toBe(status);
  return body;
}

/** The client and admin calls delivery tests make, bound to one app and one tenant. */
export function api(t: TestApp, tenant: Tenant) {
  const admin = bearer(tenant.secretKey);
  const client = bearer(tenant.publishableKey);
  const base = `/api/v1/products/${tenant.productId}`;

  async function createMessage(overrides: Record<string, unknown> = {}) {
    const res = await t.app.inject({
      method: "POST",
      url: `${base}/messages`,
      headers: admin,
      payload: buildMessage({ status: "active", ...overrides } as never),
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number; name: string }>(res);
  }

  async function patchMessage(id: string, version: number, patch: Record<string, unknown>) {
    const res = await t.app.inject({
      method: "PATCH",
      url: `${base}/messages/${id}`,
      headers: admin,
      payload: { version, ...patch },
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ id: string; version: number }>(res);
  }

  async function patchProduct(patch: Record<string, unknown>) {
    const res = await t.app.inject({ method: "PATCH", url: base, headers: admin, payload: patch });
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  }

  function activeRes(distinctId: string, query = "") {
    return t.app.inject({
      url: `/api/v1/messages/active?distinct_id=${encodeURIComponent(distinctId)}${query}`,
      headers: client,
    });
  }

  async function active(distinctId: string, query = ""): Promise<ActiveBody> {
    const res = await activeRes(distinctId, query);
    expect(res.statusCode, res.body).toBe(200);
    return json<ActiveBody>(res);
  }

  /** Ids of the messages this user may see now, in response order. */
  async function activeIds(distinctId: string, query = ""): Promise<string[]> {
    return (await active(distinctId, query)).messages.map((m) => m.id);
  }

  /** Whether this one message is in the user's active list. */
  async function sees(distinctId: string, messageId: string): Promise<boolean> {
    return (await activeIds(distinctId)).includes(messageId);
  }

  function eventsRes(batch: unknown[], headers: Record<string, string> = client) {
    return t.app.inject({ method: "POST", url: "/api/v1/events", headers, payload: { batch } });
  }

  async function events(batch: EventInput[]) {
    const res = await eventsRes(batch.map((e) => ({ uuid: uid(), ...e })));
    expect(res.statusCode, res.body).toBe(202);
    return json<{ accepted: number; duplicates: number }>(res);
  }

  /** One message interaction through `/events` (the SDK's path), at `at` (epoch ms) if given. */
  function interact(
    messageId: string,
    distinctId: string,
    type: "impression" | "dismiss" | "cta_click" | "complete",
    at?: number,
    extra: Record<string, unknown> = {},
  ) {
    return events([
      {
        event: `message_${type}`,
        distinctId,
        properties: { messageId, ...extra },
        ...(at === undefined ? {} : { timestamp: iso(at) }),
      },
    ]);
  }

  function track(messageId: string, body: Record<string, unknown>, headers = client) {
    return t.app.inject({
      method: "POST",
      url: `/api/v1/messages/${messageId}/track`,
      headers,
      payload: body,
    });
  }

  async function identify(body: Record<string, unknown>) {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/identify",
      headers: client,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(204);
  }

  async function diagnose(messageId: string, query: Record<string, string>): Promise<Diagnosis> {
    const res = await t.app.inject({
      url: `${base}/messages/${messageId}/diagnose?${new URLSearchParams(query)}`,
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<Diagnosis>(res);
  }

  async function messageStats(messageId: string) {
    const res = await t.app.inject({ url: `${base}/messages/${messageId}/stats`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return json<{
      counts: Record<string, number>;
      users: Record<string, number>;
      rates: Record<string, number>;
      daily: { date: string; counts: Record<string, number> }[];
      steps: { step: number; counts: Record<string, number> }[];
    }>(res);
  }

  async function productStats() {
    const res = await t.app.inject({ url: `${base}/stats`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return json<{
      total: number;
      active: number;
      impressions: number;
      messages: { messageId: string; counts: Record<string, number> }[];
      daily: { date: string; counts: Record<string, number> }[];
    }>(res);
  }

  async function eventNames(): Promise<string[]> {
    const res = await t.app.inject({ url: `${base}/event-names`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ items: { name: string }[] }>(res)
      .items.map((i) => i.name)
      .sort();
  }

  return {
    base,
    admin,
    client,
    createMessage,
    patchMessage,
    patchProduct,
    activeRes,
    active,
    activeIds,
    sees,
    eventsRes,
    events,
    interact,
    track,
    identify,
    diagnose,
    messageStats,
    productStats,
    eventNames,
  };
}

export type Api = ReturnType<typeof api>;

/** `check(d, "cap")`: one named check of a diagnosis. */
export function check(d: Diagnosis, rule: string): Check {
  const found = d.checks.find((c) => c.rule === rule);
  if (!found) throw new Error(`no ${rule} check in ${JSON.stringify(d.checks)}`);
  return found;
}
