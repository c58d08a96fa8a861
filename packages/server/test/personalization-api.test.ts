import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageProblems } from "../../content/test/support/safe-markup.js";
import { type Api, api } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import { renderSecret } from "./support/render-helpers.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

type Step = {
  title?: string;
  body: string;
  ctaText?: string;
  ctaUrl?: string;
  content?: unknown;
  translations?: Record<string, { title?: string; body?: string; ctaUrl?: string }>;
};
type ActiveMessage = { id: string; steps: Step[]; variants?: Record<string, { steps: Step[] }> };

const greeting = 'Hi {{ traits.first_name | default: "there" }}';

/** A message greeting the user by name, in English, French and Arabic. */
const localized = {
  name: "Localized greeting",
  trigger: { type: "page" },
  steps: [
    {
      type: "modal",
      title: greeting,
      body: 'Your plan is {{ traits.plan | default: "free" }}.',
      ctaText: "Upgrade, {{ traits.first_name }}",
      ctaUrl: "/upgrade?name={{ traits.first_name }}",
      content: {
        root: { props: {} },
        content: [
          { type: "Heading", props: { id: "h", text: greeting, level: 2 } },
          {
            type: "Button",
            props: {
              id: "b",
              label: "Profile",
              href: '/u/{{ traits.first_name | default: "me" }}',
            },
          },
        ],
      },
      translations: {
        fr: {
          title: 'Bonjour {{ traits.first_name | default: "à vous" }}',
          content: {
            root: { props: {} },
            content: [
              {
                type: "Heading",
                props: { id: "h", text: "Bonjour {{ traits.first_name }}", level: 2 },
              },
            ],
          },
        },
        ar: {
          title: 'مرحبا {{ traits.first_name | default: "بك" }}',
          content: {
            root: { props: {} },
            content: [
              {
                type: "Heading",
                props: { id: "h", text: "مرحبا {{ traits.first_name }}", level: 2 },
              },
            ],
          },
        },
      },
    },
  ],
};

describe.each(dialects)("personalization and localization on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let a: Api;
  let messageId: string;
  let plainId: string;

  const page = (
    distinctId: string | undefined,
    query = "",
    headers: Record<string, string> = {},
  ) => {
    const user = distinctId === undefined ? "" : `&distinct_id=${encodeURIComponent(distinctId)}`;
    return t.app.inject({
      url: `/api/v1/messages/${messageId}/render?api_key=${tenant.publishableKey}${user}${query}`,
      headers,
    });
  };

  async function activeMessage(distinctId: string, id = messageId): Promise<ActiveMessage> {
    const res = await a.activeRes(distinctId);
    expect(res.statusCode, res.body).toBe(200);
    const found = json<{ messages: ActiveMessage[] }>(res).messages.find((m) => m.id === id);
    expect(found, res.body).toBeDefined();
    return found!;
  }

  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { NUDGE_RENDER_SECRET: renderSecret } });
    tenant = await addTenant(t.services, "personal");
    a = api(t, tenant);
    messageId = (await a.createMessage(localized)).id;
    plainId = (await a.createMessage({ name: "Plain", priority: 10 })).id;
    await a.identify({ distinctId: "marie", traits: { first_name: "Marie", locale: "fr-FR" } });
    await a.identify({ distinctId: "layla", traits: { first_name: "ليلى", locale: "ar" } });
    await a.identify({
      distinctId: "mallory",
      traits: { first_name: '<img src=x onerror=alert(1)>"&{{ traits.plan }}', plan: "pro" },
    });
  });
  afterAll(() => t.close());

  describe("the render endpoint", () => {
    it("greets a French user in French, by name, left to right", async () => {
      const res = await page("marie");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('<html lang="fr" dir="ltr">');
      expect(res.body).toContain("<title>Bonjour Marie</title>");
      expect(res.body).toContain('<h2 class="nc-h">Bonjour Marie</h2>');
      // Fields the translation leaves out fall back to the default texts, personalized too.
      expect(res.body).toContain('href="/upgrade?name=Marie"');
      expect(pageProblems(res.body)).toEqual([]);
    });

    it("greets an Arabic user in Arabic, right to left", async () => {
      const res = await page("layla");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('<html lang="ar" dir="rtl">');
      expect(res.body).toContain("<title>مرحبا ليلى</title>");
      expect(res.body).toContain('<h2 class="nc-h">مرحبا ليلى</h2>');
      expect(res.body).toContain(`href="/upgrade?name=${encodeURIComponent("ليلى")}"`);
      expect(pageProblems(res.body)).toEqual([]);
    });

    it("renders the defaults for a user with no traits, and for no user at all", async () => {
      for (const res of [await page("nobody-known"), await page(undefined)]) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.body).toContain('<html dir="auto">');
        expect(res.body).toContain("<title>Hi there</title>");
        expect(res.body).toContain('<h2 class="nc-h">Hi there</h2>');
        expect(res.body).toContain('href="/u/me"');
        expect(res.body).toContain('<a class="n-cta" href="/upgrade?name="');
      }
    });

    it("keeps a trait holding markup as text, and never reads it as a template", async () => {
      const res = await page("mallory");
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(
        "<title>Hi &lt;img src=x onerror=alert(1)&gt;&quot;&amp;{{ traits.plan }}</title>",
      );
      expect(res.body).not.toContain("<img src=x");
      expect(res.body).toContain(
        `href="/upgrade?name=${encodeURIComponent('<img src=x onerror=alert(1)>"&{{ traits.plan }}').replace(/&/g, "&amp;")}"`,
      );
      expect(pageProblems(res.body)).toEqual([]);
    });

    it("takes ?locale= over the user's trait, the trait over Accept-Language", async () => {
      expect((await page("marie", "&locale=ar")).body).toContain('<html lang="ar" dir="rtl">');
      expect((await page("marie", "", { "accept-language": "ar" })).body).toContain('lang="fr"');
      const byHeader = await page(undefined, "", {
        "accept-language": "de-CH, fr;q=0.8, ar;q=0.5",
      });
      expect(byHeader.body).toContain('<html lang="fr" dir="ltr">');
      expect(byHeader.body).toContain("<title>Bonjour à vous</title>");
    });

    it("personalizes and localizes from a token's user and locale", async () => {
      const minted = await t.app.inject({
        method: "POST",
        url: `/api/v1/messages/${messageId}/render-token`,
        headers: bearer(tenant.publishableKey),
        payload: { distinctId: "layla", locale: "fr" },
      });
      expect(minted.statusCode, minted.body).toBe(200);
      const { url } = json<{ url: string }>(minted);
      const res = await t.app.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('<html lang="fr" dir="ltr">');
      expect(res.body).toContain("<title>Bonjour ليلى</title>");
    });
  });

  describe("GET /messages/active", () => {
    it("fills placeholders per user in every step and translation", async () => {
      const marie = await activeMessage("marie");
      expect(marie.steps[0]!.title).toBe("Hi Marie");
      expect(marie.steps[0]!.ctaUrl).toBe("/upgrade?name=Marie");
      expect(marie.steps[0]!.translations!.fr!.title).toBe("Bonjour Marie");
      expect(marie.steps[0]!.translations!.ar!.title).toBe("مرحبا Marie");
      const nobody = await activeMessage("nobody-known");
      expect(nobody.steps[0]!.title).toBe("Hi there");
      expect(nobody.steps[0]!.body).toBe("Your plan is free.");
      expect(JSON.stringify(nobody)).not.toContain("{{");
    });

    it("sends a trait holding markup as a JSON string, for the SDK to set as text", async () => {
      const res = await a.activeRes("mallory");
      const mallory = json<{ messages: ActiveMessage[] }>(res).messages.find(
        (m) => m.id === messageId,
      )!;
      expect(mallory.steps[0]!.title).toBe('Hi <img src=x onerror=alert(1)>"&{{ traits.plan }}');
      expect(mallory.steps[0]!.body).toBe("Your plan is pro.");
    });

    it("serves a message without placeholders from the pre-serialised JSON, the same for everyone", async () => {
      const forMarie = JSON.stringify(await activeMessage("marie", plainId));
      const forLayla = JSON.stringify(await activeMessage("layla", plainId));
      expect(forMarie).toBe(forLayla);
      const set = await t.services.delivery.activeSet(tenant.productId);
      const plain = set.entries.find((e) => e.key === plainId)!;
      const personal = set.entries.find((e) => e.key === messageId)!;
      expect(plain.personalize).toBeUndefined();
      expect(personal.personalize).toBeTypeOf("function");
    });

    it("personalizes every arm of an experiment", async () => {
      const control = (
        await a.createMessage({ ...localized, name: "Experiment control", priority: 90 })
      ).id;
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/products/${tenant.productId}/messages/${control}/variants`,
        headers: bearer(tenant.secretKey),
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(201);
      const treatment = json<{ treatment: { id: string; version: number } }>(res).treatment;
      await a.patchMessage(treatment.id, treatment.version, { status: "active" });
      const campaign = await activeMessage("marie", control);
      expect(campaign.steps[0]!.title).toBe("Hi Marie");
      for (const arm of Object.values(campaign.variants ?? {})) {
        expect(arm.steps[0]!.title).toBe("Hi Marie");
      }
      expect(Object.keys(campaign.variants ?? {}).length).toBe(2);
    });
  });
});
