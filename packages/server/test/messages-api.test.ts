import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.each(dialects)("messages API on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "messages");
    url = `/api/v1/products/${tenant.productId}/messages`;
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) =>
    t.app.inject({ method: "POST", url, headers: bearer(tenant.secretKey), payload: body });

  it("creates a two-step message, reads it back identical, updates it, refuses a stale version", async () => {
    const created = await create(buildMessage());
    expect(created.statusCode).toBe(201);
    const message = json(created);
    expect(message).toMatchObject({
      name: "Welcome tour",
      status: "draft",
      priority: 50,
      version: 1,
      productId: tenant.productId,
      frequency: { cap: "ever" },
      appearance: { position: "center", theme: "light" },
      audience: null,
      experimentId: null,
    });
    expect(message.id).toMatch(/^msg_/);
    expect((message.steps as unknown[]).length).toBe(2);

    const read = await t.app.inject({
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(read.statusCode).toBe(200);
    expect(json(read)).toEqual(message);

    const put = await t.app.inject({
      method: "PUT",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
      payload: { ...buildMessage({ name: "Renamed", status: "active" }), version: 1 },
    });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toMatchObject({ name: "Renamed", status: "active", version: 2 });

    const stale = await t.app.inject({
      method: "PUT",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
      payload: { ...buildMessage({ name: "Lost update" }), version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    expect(json(stale)).toMatchObject({ code: "version_conflict", status: 409 });

    const after = json(
      await t.app.inject({ url: `${url}/${message.id}`, headers: bearer(tenant.secretKey) }),
    );
    expect(after).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("patches some fields, keeps the rest, and refuses a stale version", async () => {
    const message = json(await create(buildMessage({ priority: 10 })));
    const patched = await t.app.inject({
      method: "PATCH",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
      payload: { version: 1, status: "paused", audience: { type: "score", churnProbGt: 0.5 } },
    });
    expect(patched.statusCode).toBe(200);
    expect(json(patched)).toMatchObject({
      status: "paused",
      priority: 10,
      version: 2,
      name: "Welcome tour",
      audience: { type: "score", churnProbGt: 0.5 },
    });
    const cleared = await t.app.inject({
      method: "PATCH",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
      payload: { version: 2, audience: null },
    });
    expect(json(cleared)).toMatchObject({ audience: null, version: 3 });
    const stale = await t.app.inject({
      method: "PATCH",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
      payload: { version: 2, priority: 99 },
    });
    expect(stale.statusCode).toBe(409);
  });

  it("lists newest first, filters by status and paginates with a cursor", async () => {
    const other = await addTenant(t.services, "listing");
    const listUrl = `/api/v1/products/${other.productId}/messages`;
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const status = i % 2 === 0 ? "active" : "draft";
      const res = await t.app.inject({
        method: "POST",
        url: listUrl,
        headers: bearer(other.secretKey),
        payload: buildMessage({ name: `m${i}`, status }),
      });
      expect(res.statusCode).toBe(201);
      names.push(`m${i}`);
    }
    const all = json<{ items: { name: string }[] }>(
      await t.app.inject({ url: listUrl, headers: bearer(other.secretKey) }),
    );
    expect(all.items.map((m) => m.name)).toEqual([...names].reverse());

    const active = json<{ items: { status: string }[] }>(
      await t.app.inject({ url: `${listUrl}?status=active`, headers: bearer(other.secretKey) }),
    );
    expect(active.items).toHaveLength(3);
    expect(active.items.every((m) => m.status === "active")).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = json(
        await t.app.inject({
          url: `${listUrl}?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
          headers: bearer(other.secretKey),
        }),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...names].reverse());

    const bad = await t.app.inject({
      url: `${listUrl}?status=archived`,
      headers: bearer(other.secretKey),
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ errors: [{ path: "querystring.status" }] });
  });

  it("deletes a message; reading it afterwards answers 404", async () => {
    const message = json(await create(buildMessage()));
    const del = await t.app.inject({
      method: "DELETE",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(del.statusCode).toBe(204);
    const read = await t.app.inject({
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(read.statusCode).toBe(404);
    const again = await t.app.inject({
      method: "DELETE",
      url: `${url}/${message.id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(again.statusCode).toBe(404);
  });

  it("answers 402 once the organization's plan limit is reached", async () => {
    const limited = await addTenant(t.services, "limited");
    await t.services.stores.tenancy.setPlanLimits(limited.organizationId, {
      maxMessagesPerProduct: 1,
    });
    const limitedUrl = `/api/v1/products/${limited.productId}/messages`;
    const first = await t.app.inject({
      method: "POST",
      url: limitedUrl,
      headers: bearer(limited.secretKey),
      payload: buildMessage(),
    });
    expect(first.statusCode).toBe(201);
    const second = await t.app.inject({
      method: "POST",
      url: limitedUrl,
      headers: bearer(limited.secretKey),
      payload: buildMessage(),
    });
    expect(second.statusCode).toBe(402);
    expect(json(second)).toMatchObject({ code: "plan_limit_exceeded", status: 402 });
    expect(String(json(second).detail)).toContain("1 message");
  });

  it("applies the operator's default plan limit to organizations without their own", async () => {
    const limitedApp = await startTestApp(dialect, {
      env: { NUDGE_MAX_MESSAGES_PER_PRODUCT: "2" },
    });
    try {
      const other = await addTenant(limitedApp.services, "default-limit");
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limitedApp.app.inject({
          method: "POST",
          url: `/api/v1/products/${other.productId}/messages`,
          headers: bearer(other.secretKey),
          payload: buildMessage(),
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([201, 201, 402]);
    } finally {
      await limitedApp.close();
    }
  });
});
