import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import {
  addTenant,
  bearer,
  buildMessage,
  json,
  problemPaths,
  type Tenant,
} from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/**
 * Issue 8, acceptance line 5 (server half): every known catastrophic regex of the corpus is
 * refused at save with a 400 naming `trigger.urlRegex`, on create and on update alike; every
 * regex of its `accepted` list is saved (e2e/reliability/redos.spec.ts then times the SDK on
 * those in Chromium).
 */
interface Corpus {
  rejected: { pattern: string; source: string }[];
  accepted: { pattern: string; why: string }[];
}
const corpus = JSON.parse(
  readFileSync(new URL("../../../scripts/reliability/redos-corpus.json", import.meta.url), "utf8"),
) as Corpus;
const rejected = corpus.rejected.map((r) => [r.pattern, r.source] as const);
const accepted = corpus.accepted.map((r) => [r.pattern, r.why] as const);

describe.each(dialects)("the ReDoS corpus on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let url: string;
  let existing: { id: string; version: number; trigger: unknown };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "redos");
    url = `/api/v1/products/${tenant.productId}/messages`;
    const created = await t.app.inject({
      method: "POST",
      url,
      headers: bearer(tenant.secretKey),
      payload: buildMessage(),
    });
    expect(created.statusCode, created.body).toBe(201);
    existing = json(created);
  });
  afterAll(() => t.close());

  it("holds at least 50 known catastrophic patterns", () => {
    expect(corpus.rejected.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.rejected.map((r) => r.pattern)).size).toBe(corpus.rejected.length);
  });

  it.each(rejected)("refuses %s at save (%s)", async (pattern) => {
    const trigger = { type: "page" as const, urlRegex: pattern };
    const create = await t.app.inject({
      method: "POST",
      url,
      headers: bearer(tenant.secretKey),
      payload: buildMessage({ name: "ReDoS", trigger }),
    });
    expect(create.statusCode, create.body).toBe(400);
    expect(create.headers["content-type"]).toContain("application/problem+json");
    expect(problemPaths(create)).toEqual(["trigger.urlRegex"]);

    const update = await t.app.inject({
      method: "PATCH",
      url: `${url}/${existing.id}`,
      headers: bearer(tenant.secretKey),
      payload: {
        version: existing.version,
        trigger: { type: "event", event: "x", urlRegex: pattern },
      },
    });
    expect(update.statusCode, update.body).toBe(400);
    expect(problemPaths(update)).toEqual(["trigger.urlRegex"]);
    const after = await t.app.inject({
      url: `${url}/${existing.id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(json(after)).toMatchObject({ version: existing.version, trigger: existing.trigger });
  });

  it.each(accepted)("saves %s (%s)", async (pattern) => {
    const res = await t.app.inject({
      method: "POST",
      url,
      headers: bearer(tenant.secretKey),
      payload: buildMessage({ trigger: { type: "page", urlRegex: pattern } }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({ trigger: { urlRegex: pattern } });
  });
});
