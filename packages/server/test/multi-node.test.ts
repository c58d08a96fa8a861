import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, type Services } from "../src/compose.js";
import { loadConfig } from "../src/config.js";
import { createApp } from "../src/http/app.js";
import { dropPostgresSchema } from "../src/storage/dialects/postgres.js";
import { postgresUrl } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, type Tenant } from "./support/fixtures.js";

type Node = { app: Awaited<ReturnType<typeof createApp>>; services: Services };

// Two server processes on one PostgreSQL: caches must follow writes made through the other node.
describe.skipIf(!postgresUrl())("two nodes on one PostgreSQL", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let a: Node;
  let b: Node;
  let tenant: Tenant;

  async function node(): Promise<Node> {
    const base = loadConfig({ LOG_LEVEL: "silent" });
    const services = await compose({
      ...base,
      storage: { kind: "postgres", connectionString: postgresUrl(), poolSize: 3, schema },
    });
    const app = await createApp(services);
    await app.ready();
    return { app, services };
  }

  beforeAll(async () => {
    a = await node();
    b = await node();
    tenant = await addTenant(a.services, "nodes");
  });
  afterAll(async () => {
    for (const n of [a, b]) {
      await n.app.close();
      await n.services.close();
    }
    await dropPostgresSchema(postgresUrl(), schema);
  });

  const activeOn = async (n: Node) =>
    json<{ messages: { id: string }[] }>(
      await n.app.inject({
        url: "/api/v1/messages/active?distinct_id=u1",
        headers: bearer(tenant.publishableKey),
      }),
    ).messages.map((m) => m.id);

  async function eventually(check: () => Promise<boolean>, ms = 1000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not consistent within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("serves a message activated through node A from node B within one second", async () => {
    expect(await activeOn(b)).toEqual([]); // warms B's cache with the empty set
    const created = await a.app.inject({
      method: "POST",
      url: `/api/v1/products/${tenant.productId}/messages`,
      headers: bearer(tenant.secretKey),
      payload: buildMessage({ status: "active" }),
    });
    const id = json(created).id as string;
    await eventually(async () => (await activeOn(b)).includes(id));
  });

  it("enforces on node B a cap written through node A", async () => {
    const [id] = await activeOn(b);
    await a.app.inject({
      method: "POST",
      url: `/api/v1/messages/${id}/track`,
      headers: bearer(tenant.publishableKey),
      payload: { type: "dismiss", distinctId: "u1" },
    });
    expect(await activeOn(b)).not.toContain(id);
  });

  it("stops a key revoked through node A on node B within one second", async () => {
    const keys = json<{ items: { id: string; type: string }[] }>(
      await a.app.inject({
        url: `/api/v1/products/${tenant.productId}/keys`,
        headers: bearer(tenant.secretKey),
      }),
    ).items;
    const publishable = keys.find((k) => k.type === "publishable");
    expect(
      (
        await b.app.inject({
          url: "/api/v1/messages/active?distinct_id=u2",
          headers: bearer(tenant.publishableKey),
        })
      ).statusCode,
    ).toBe(200);
    await a.app.inject({
      method: "DELETE",
      url: `/api/v1/products/${tenant.productId}/keys/${publishable?.id}`,
      headers: bearer(tenant.secretKey),
    });
    await eventually(async () => {
      const res = await b.app.inject({
        url: "/api/v1/messages/active?distinct_id=u2",
        headers: bearer(tenant.publishableKey),
      });
      return res.statusCode === 401;
    });
  });
});
