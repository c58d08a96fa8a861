import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, problemPaths, type Tenant } from "./support/fixtures.js";
import { richContent, richMessage } from "./support/render-helpers.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

interface Exported {
  messageId: string;
  version: number;
  locales: string[];
  steps: {
    source: Record<string, unknown>;
    translations: Record<string, Record<string, unknown>>;
  }[];
}

describe.each(dialects)("translations export and import on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  const base = () => `/api/v1/products/${tenant.productId}/messages`;
  const admin = () => bearer(tenant.secretKey);

  async function create(body: Record<string, unknown>) {
    const res = await t.app.inject({
      method: "POST",
      url: base(),
      headers: admin(),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number; steps: Record<string, unknown>[] }>(res);
  }

  const exportOf = (id: string) =>
    t.app.inject({ url: `${base()}/${id}/translations`, headers: admin() });
  const importTo = (id: string, payload: object) =>
    t.app.inject({ method: "PUT", url: `${base()}/${id}/translations`, headers: admin(), payload });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "translations");
  });
  afterAll(() => t.close());

  it("exports each step's source texts and translations as a JSON file", async () => {
    const message = await create(
      richMessage({
        steps: [
          {
            type: "modal",
            title: "Welcome",
            body: "Hello",
            ctaText: "Go",
            ctaUrl: "/go",
            content: richContent,
            translations: { fr: { title: "Bienvenue" } },
          },
          { type: "banner", body: "Second" },
        ],
      }),
    );
    const res = await exportOf(message.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="${message.id}.translations.json"`,
    );
    expect(json<Exported>(res)).toEqual({
      messageId: message.id,
      version: 1,
      locales: ["fr"],
      steps: [
        {
          source: {
            title: "Welcome",
            body: "Hello",
            ctaText: "Go",
            ctaUrl: "/go",
            content: richContent,
          },
          translations: { fr: { title: "Bienvenue" } },
        },
        { source: { body: "Second" }, translations: {} },
      ],
    });
  });

  it("imports per locale: given ones replace, null removes, the rest are kept", async () => {
    const message = await create(
      richMessage({
        steps: [
          {
            type: "modal",
            body: "Hello",
            content: richContent,
            translations: { fr: { body: "Bonjour" }, de: { body: "Hallo" } },
          },
          { type: "banner", body: "Bye" },
        ],
      }),
    );
    const res = await importTo(message.id, {
      version: 1,
      steps: [
        {
          translations: { fr: { body: "Salut" }, de: null, ar: { body: "مرحبا", ctaText: "اذهب" } },
        },
        { translations: { fr: { body: "Au revoir" } } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = json<Exported>(res);
    expect(out.version).toBe(2);
    expect(out.locales).toEqual(["ar", "fr"]);
    expect(out.steps[0]!.translations).toEqual({
      fr: { body: "Salut" },
      ar: { body: "مرحبا", ctaText: "اذهب" },
    });
    expect(out.steps[1]!.translations).toEqual({ fr: { body: "Au revoir" } });
    const stored = await t.app.inject({ url: `${base()}/${message.id}`, headers: admin() });
    expect(json<{ steps: { translations?: object }[] }>(stored).steps[1]!.translations).toEqual({
      fr: { body: "Au revoir" },
    });
  });

  it("takes an export back as it is (a round trip changes only the version)", async () => {
    const message = await create(
      richMessage({
        steps: [{ type: "modal", body: "Hi", translations: { es: { body: "Hola" } } }],
      }),
    );
    const exported = json<Exported>(await exportOf(message.id));
    const res = await importTo(message.id, exported);
    expect(res.statusCode, res.body).toBe(200);
    expect({ ...json<Exported>(res), version: 1 }).toEqual(exported);
  });

  it("refuses a stale version (409), another message's file and a wrong step count (400)", async () => {
    const message = await create(richMessage());
    const one = { translations: { fr: { title: "Salut" } } };
    expectProblem(await importTo(message.id, { version: 7, steps: [one] }), 409);
    const other = await importTo(message.id, { version: 1, messageId: "msg_other", steps: [one] });
    expect(problemPaths(other)).toEqual(["messageId"]);
    const count = await importTo(message.id, { version: 1, steps: [one, one] });
    expect(expectProblem(count, 400).errors?.map((e) => e.path)).toEqual(["steps"]);
  });

  it("validates locales and translated fields like the message itself", async () => {
    const message = await create(richMessage());
    const res = await importTo(message.id, {
      version: 1,
      steps: [
        {
          translations: {
            fr_FR: { title: "x" },
            fr: { ctaUrl: "javascript:alert(1)", title: "x".repeat(201), color: "red" },
          },
        },
      ],
    });
    expect(problemPaths(res).sort()).toEqual([
      "steps.0.translations.fr.color",
      "steps.0.translations.fr.ctaUrl",
      "steps.0.translations.fr.title",
      "steps.0.translations.fr_FR",
    ]);
  });

  it("is tenant-scoped: another product's key gets 404", async () => {
    const message = await create(richMessage());
    const other = await addTenant(t.services, "translations-other");
    const res = await t.app.inject({
      url: `/api/v1/products/${tenant.productId}/messages/${message.id}/translations`,
      headers: bearer(other.secretKey),
    });
    expectProblem(res, 404);
  });
});

describe.each(dialects)("rich content validation on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;

  const save = (body: Record<string, unknown>) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/products/${tenant.productId}/messages`,
      headers: bearer(tenant.secretKey),
      payload: body,
    });
  const withBlocks = (...content: unknown[]) =>
    richMessage({
      steps: [{ type: "modal", body: "x", content: { root: { props: {} }, content } }],
    });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "content-validation");
  });
  afterAll(() => t.close());

  it("accepts every block, rich text, templates and translations", async () => {
    const res = await save(
      richMessage({
        steps: [
          {
            type: "modal",
            title: "Hi {{ traits.name }}",
            body: "x",
            ctaText: "Go",
            ctaUrl: 'https://example.com/?n={{ traits.name | default: "a b" }}',
            content: richContent,
            translations: {
              "pt-BR": { title: "Oi" },
              "zh-Hant-TW": { body: "你好" },
              "es-419": {},
            },
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const plainText = await save(withBlocks({ type: "Text", props: { id: "t", text: "plain" } }));
    expect(plainText.statusCode, plainText.body).toBe(201);
  });

  it("refuses videos of other hosts, naming the field", async () => {
    const res = await save(
      withBlocks(
        { type: "Video", props: { id: "v", url: "https://vimeo.com/76979871", title: "ok" } },
        {
          type: "Columns",
          props: {
            id: "c",
            columns: [
              [{ type: "Video", props: { id: "v2", url: "https://evil.example/v", title: "x" } }],
            ],
          },
        },
        { type: "Video", props: { id: "v3", url: "http://youtu.be/dQw4w9WgXcQ", title: "x" } },
      ),
    );
    expect(problemPaths(res).sort()).toEqual(["steps.0.content.content.2.props.url"]);
    const host = await save(
      withBlocks({ type: "Video", props: { id: "v", url: "https://evil.example/v", title: "x" } }),
    );
    const problem = expectProblem(host, 400);
    expect(problem.errors).toEqual([
      {
        path: "steps.0.content.content.0.props.url",
        message: "must be a YouTube, Vimeo, Loom or Wistia video page URL",
      },
    ]);
    const nested = await save(
      withBlocks({
        type: "Columns",
        props: {
          id: "c",
          columns: [[], [{ type: "Video", props: { id: "v", url: "https://x.test/", title: "" } }]],
        },
      }),
    );
    expect(problemPaths(nested)).toEqual(["steps.0.content.content.0.props.columns.1.0.props.url"]);
  });

  it("refuses unsafe links in rich text and buttons, and markup-bearing shapes", async () => {
    const res = await save(
      withBlocks(
        {
          type: "Text",
          props: {
            id: "t",
            text: [{ type: "paragraph", children: [{ text: "x", href: "javascript:alert(1)" }] }],
          },
        },
        { type: "Button", props: { id: "b", label: "x", href: "data:text/html,<script>" } },
        { type: "Text", props: { id: "t2", text: [{ type: "html", html: "<b>x</b>" }] } },
        { type: "Button", props: { id: "b2", label: "Mail", href: "mailto:help@example.com" } },
      ),
    );
    expect(problemPaths(res).sort()).toEqual(
      [
        "steps.0.content.content.0.props.text.0.children.0.href",
        "steps.0.content.content.1.props.href",
        "steps.0.content.content.2.props.text.0.type",
      ].sort(),
    );
  });

  it("refuses a templated URL whose fixed part is unsafe, and a bad locale", async () => {
    const res = await save(
      richMessage({
        steps: [
          {
            type: "modal",
            body: "x",
            ctaUrl: "javascript:{{ traits.x }}",
            content: richContent,
            translations: { "fr-fr": { title: "x" } },
          },
        ],
      }),
    );
    expect(problemPaths(res).sort()).toEqual(["steps.0.ctaUrl", "steps.0.translations.fr-fr"]);
  });
});
