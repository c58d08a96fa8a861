import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { expectProblem } from "./delivery-helpers.js";
import type { DialectName } from "./dialects.js";
import { addTenant, bearer, json, type Tenant } from "./fixtures.js";
import { type ForgeOptions, forge, renderSecret, richMessage } from "./render-helpers.js";
import { startTestApp, type TestApp, TestClock } from "./test-app.js";

export interface Minted {
  token: string;
  expiresIn: number;
  url: string;
}

/** What the render tests share: a server with a render secret, two tenants and three messages. */
export interface RenderState {
  t: TestApp;
  clock: TestClock;
  a: Tenant;
  b: Tenant;
  /** Two rich messages of A, and one of B. */
  messageId: string;
  otherMessageId: string;
  bMessageId: string;
}

/**
 * Starts the render tests' server in the caller's suite (its own fresh database) and returns
 * the state, filled in before the suite's own `beforeAll` hooks run, with the request helpers.
 */
export function renderFixture(dialect: DialectName) {
  const s = {} as RenderState;
  const base = (tenant: Tenant) => `/api/v1/products/${tenant.productId}`;

  async function create(tenant: Tenant, overrides: Record<string, unknown> = {}) {
    const res = await s.t.app.inject({
      method: "POST",
      url: `${base(tenant)}/messages`,
      headers: bearer(tenant.secretKey),
      payload: richMessage(overrides),
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number }>(res).id;
  }

  function mintRes(id: string, headers: Record<string, string>, payload?: object) {
    return s.t.app.inject({
      method: "POST",
      url: `/api/v1/messages/${id}/render-token`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  async function mint(id: string, key = s.a.publishableKey, payload?: object): Promise<Minted> {
    const res = await mintRes(id, bearer(key), payload);
    expect(res.statusCode, res.body).toBe(200);
    return json<Minted>(res);
  }

  const render = (id: string, query = "", headers: Record<string, string> = {}) =>
    s.t.app.inject({ url: `/api/v1/messages/${id}/render${query}`, headers });

  const withToken = (id: string, token: string) =>
    render(id, `?token=${encodeURIComponent(token)}`);

  /** A forged token for `messageId` of A, valid unless the options spoil it. */
  const forged = (claims: Record<string, unknown> = {}, options: ForgeOptions = {}) =>
    forge(s.clock.now(), { pid: s.a.productId, ...claims }, { sub: s.messageId, ...options });

  function expectDenied(res: LightMyRequestResponse, status: 401 | 404, detail: string) {
    const problem = expectProblem(res, status);
    expect(problem.detail).toBe(detail);
    expect(res.headers["cache-control"] ?? "").not.toContain("public");
  }

  beforeAll(async () => {
    s.clock = new TestClock();
    s.t = await startTestApp(dialect, {
      clock: s.clock,
      env: { NUDGE_RENDER_SECRET: renderSecret },
    });
    s.a = await addTenant(s.t.services, "render-a");
    s.b = await addTenant(s.t.services, "render-b");
    s.messageId = await create(s.a);
    s.otherMessageId = await create(s.a, { name: "Another" });
    s.bMessageId = await create(s.b);
  });
  afterAll(() => s.t.close());

  return { state: s, base, create, mintRes, mint, render, withToken, forged, expectDenied };
}
