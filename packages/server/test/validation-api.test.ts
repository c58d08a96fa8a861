import type { LightMyRequestResponse } from "fastify";
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

type Body = Record<string, unknown>;

const modal = (extra: Body = {}) => ({ type: "modal", body: "Hello", ...extra });
const withStep = (extra: Body) => (m: Body) => ({ ...m, steps: [modal(extra)] });
const set = (field: string, value: unknown) => (m: Body) => ({ ...m, [field]: value });

type BadField = [label: string, mutate: (m: Body) => Body, path: string];

/** One bad field each (SPEC §2): `[label, mutation of a valid message, the path that must be named]`. */
const badFields: BadField[] = [
  ["unknown trigger.type", set("trigger", { type: "hover" }), "trigger.type"],
  ["missing name", ({ name: _, ...m }) => m, "name"],
  ["blank name", set("name", "   "), "name"],
  ["empty steps", set("steps", []), "steps"],
  [
    "21 steps",
    set(
      "steps",
      Array.from({ length: 21 }, () => modal()),
    ),
    "steps",
  ],
  ["unknown step type", set("steps", [{ type: "popup", body: "x" }]), "steps.0.type"],
  [
    "tooltip without selector",
    set("steps", [modal(), modal(), { type: "tooltip", body: "Here" }]),
    "steps.2.selector",
  ],
  [
    "urlRegex that does not compile",
    set("trigger", { type: "page", urlRegex: "([" }),
    "trigger.urlRegex",
  ],
  [
    "urlRegex ^/(a+)+$ (catastrophic backtracking)",
    set("trigger", { type: "page", urlRegex: "^/(a+)+$" }),
    "trigger.urlRegex",
  ],
  [
    "urlRegex (.*a){20} (catastrophic backtracking)",
    set("trigger", { type: "event", event: "$click", urlRegex: "(.*a){20}" }),
    "trigger.urlRegex",
  ],
  ["delaySeconds 301", set("trigger", { type: "page", delaySeconds: 301 }), "trigger.delaySeconds"],
  ["delaySeconds -1", set("trigger", { type: "page", delaySeconds: -1 }), "trigger.delaySeconds"],
  ...[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,x",
    "vbscript:x",
  ].map(
    (url) =>
      [`ctaUrl ${JSON.stringify(url)}`, withStep({ ctaUrl: url }), "steps.0.ctaUrl"] as BadField,
  ),
  [
    "imageUrl data:image/svg+xml",
    withStep({ imageUrl: "data:image/svg+xml,<svg onload=alert(1)>" }),
    "steps.0.imageUrl",
  ],
  ...["red", "#12", "rgb(0,0,0)"].map(
    (colour) =>
      [
        `backgroundColor ${colour}`,
        set("appearance", { backgroundColor: colour }),
        "appearance.backgroundColor",
      ] as BadField,
  ),
  ["textColor blue", set("appearance", { textColor: "blue" }), "appearance.textColor"],
  ["priority 101", set("priority", 101), "priority"],
  ["priority -1", set("priority", -1), "priority"],
  ["priority 1.5", set("priority", 1.5), "priority"],
  ["frequency.cap weekly", set("frequency", { cap: "weekly" }), "frequency.cap"],
  [
    "schedule endsAt before startsAt",
    set("schedule", { startsAt: "2026-07-02T00:00:00Z", endsAt: "2026-07-01T00:00:00Z" }),
    "schedule.endsAt",
  ],
  ["non-ISO startsAt", set("schedule", { startsAt: "next tuesday" }), "schedule.startsAt"],
  ["audience of unknown type", set("audience", { type: "cohort" }), "audience.type"],
  ["score audience with neither field", set("audience", { type: "score" }), "audience"],
  [
    "malformed segment id",
    set("audience", { type: "segment", segmentId: "DROP TABLE" }),
    "audience.segmentId",
  ],
  [
    "traits filter with an unknown op",
    set("audience", { type: "traits", filter: { trait: "plan", op: "like", value: "pro" } }),
    "audience.filter.op",
  ],
  ["unknown top-level field", set("bogus", true), "bogus"],
];

const goodUrls = ["/start", "https://x.example/a?b=c", "http://x.example", "start", "#top", "?q=1"];

describe.each(dialects)("message validation on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let url: string;
  let existing: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "validation");
    url = `/api/v1/products/${tenant.productId}/messages`;
    const created = await send("POST", buildMessage());
    expect(created.statusCode).toBe(201);
    existing = json(created);
  });
  afterAll(() => t.close());

  function send(method: "POST" | "PUT", payload: unknown, headers: Record<string, string> = {}) {
    return t.app.inject({
      method,
      url: method === "POST" ? url : `${url}/${existing.id}`,
      headers: { ...bearer(tenant.secretKey), ...headers },
      payload: payload as string,
    });
  }
  /** PUT carries the version it read; POST does not. */
  const bodyFor = (method: "POST" | "PUT", message: Body) =>
    method === "PUT" ? { ...message, version: existing.version } : message;

  function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(json(res)).toMatchObject({ status, code });
    expect(typeof json(res).errorId).toBe("string");
  }

  describe.each(["POST", "PUT"] as const)("%s", (method) => {
    it.each(badFields.map(([label, mutate, path]) => [label, path, mutate] as const))(
      "%s → 400 naming %s",
      async (_label, path, mutate) => {
        const res = await send(method, bodyFor(method, mutate(buildMessage())));
        expectProblem(res, 400, "validation_failed");
        expect(problemPaths(res)).toEqual([path]);
        expect(String(json(res).detail)).toContain(path);
      },
    );

    it("lists every bad field of a body with several", async () => {
      const message = {
        ...buildMessage({ priority: 101 }),
        trigger: { type: "page", delaySeconds: 301 },
        steps: [modal({ ctaUrl: "javascript:alert(1)" })],
      };
      const res = await send(method, bodyFor(method, message));
      expectProblem(res, 400, "validation_failed");
      expect(problemPaths(res).sort()).toEqual(
        ["priority", "steps.0.ctaUrl", "trigger.delaySeconds"].sort(),
      );
    });

    it.each(goodUrls)("accepts the URL %s for ctaUrl and imageUrl", async (good) => {
      const res = await send(
        method,
        bodyFor(method, withStep({ ctaUrl: good, imageUrl: good })(buildMessage())),
      );
      expect(res.statusCode, res.body).toBe(method === "POST" ? 201 : 200);
      const saved = json<{ steps: { ctaUrl: string; imageUrl: string }[]; version: number }>(res);
      expect(saved.steps[0]).toMatchObject({ ctaUrl: good, imageUrl: good });
      if (method === "PUT") existing.version = saved.version;
    });

    it("answers 400 problem+json for a body that is not JSON", async () => {
      for (const text of ['{"name": "x",', "not json", "{'a': 1}"]) {
        const res = await send(method, text, { "content-type": "application/json" });
        expectProblem(res, 400, "bad_request");
      }
    });

    it.each([
      "text/plain",
      "text/plain; charset=utf-8",
      "application/x-www-form-urlencoded",
      "application/xml",
    ])("answers 415 problem+json for a %s body", async (contentType) => {
      const text = JSON.stringify(bodyFor(method, buildMessage()));
      const res = await send(method, text, { "content-type": contentType });
      expectProblem(res, 415, "unsupported_media_type");
    });

    it("answers 413 problem+json for a body over 1 MiB", async () => {
      const huge = buildMessage({ name: "x".repeat(1024 * 1024 + 10) });
      const res = await send(method, bodyFor(method, huge));
      expectProblem(res, 413, "payload_too_large");
    });
  });

  it("PUT without version → 400 naming version", async () => {
    const res = await send("PUT", buildMessage());
    expectProblem(res, 400, "validation_failed");
    expect(problemPaths(res)).toEqual(["version"]);
  });

  it("a rejected PUT leaves the message as it was", async () => {
    const before = json(
      await t.app.inject({ url: `${url}/${existing.id}`, headers: bearer(tenant.secretKey) }),
    );
    const res = await send(
      "PUT",
      bodyFor("PUT", set("priority", 101)(buildMessage({ name: "No" }))),
    );
    expect(res.statusCode).toBe(400);
    const after = json(
      await t.app.inject({ url: `${url}/${existing.id}`, headers: bearer(tenant.secretKey) }),
    );
    expect(after).toEqual(before);
  });
});
