import { expect, type Page, test } from "@playwright/test";
import {
  callNudge,
  collectErrors,
  manual,
  type Stack,
  startStack,
  type TestWindow,
} from "./support.js";

/**
 * Rich content and localization in the SDK (issue 7): block content drawn in the shadow root by
 * the lazily loaded content chunk, under a strict CSP with Trusted Types, in the user's locale
 * (the `locale` trait, then the browser's language), personalized by the server.
 */
let stack: Stack;
let richId: string;
let secondRichId: string;
let plainId: string;

const name = '{{ traits.first_name | default: "there" }}';
const doc = (heading: string, button: string) => ({
  root: { props: {} },
  content: [
    { type: "Heading", props: { id: "h", text: heading, level: 2 } },
    {
      type: "Text",
      props: {
        id: "t",
        text: [
          {
            type: "paragraph",
            children: [{ text: "See " }, { text: "the guide", bold: true, href: "/guide" }],
          },
        ],
      },
    },
    { type: "Divider", props: { id: "d" } },
    { type: "Button", props: { id: "b", label: button, href: `/start?who=${name}` } },
  ],
});

const richStep = {
  type: "modal",
  title: `Hello ${name}`,
  body: "The plain body, for renderers without blocks.",
  content: doc(`Welcome, ${name}`, "Start"),
  translations: {
    fr: {
      title: 'Bonjour {{ traits.first_name | default: "toi" }}',
      content: doc('Bienvenue, {{ traits.first_name | default: "toi" }}', "Commencer"),
    },
    ar: {
      title: 'مرحبا {{ traits.first_name | default: "صديقي" }}',
      content: doc('أهلا، {{ traits.first_name | default: "صديقي" }}', "ابدأ"),
    },
  },
};

test.beforeAll(async () => {
  stack = await startStack();
  richId = (await stack.createMessage(manual([richStep]))).id;
  secondRichId = (await stack.createMessage(manual([richStep]))).id;
  plainId = (
    await stack.createMessage(manual([{ type: "modal", title: "Plain one", body: "Just text." }]))
  ).id;
});
test.afterAll(async () => stack?.stop());

async function open(page: Page, fixture: string, traits?: Record<string, unknown>) {
  const id = `content-${fixture}-${Math.random().toString(36).slice(2)}`;
  await page.goto(stack.page(fixture, "content", { id }));
  await page.waitForFunction(() => Boolean((globalThis as unknown as TestWindow).__nudgeTest));
  if (traits) await callNudge(page, "identify", id, traits);
  else await callNudge(page, "messages.fetchActive");
  expect(await callNudge(page, "show", richId)).toBe(true);
  const dialog = page.locator("nudge-root [role=dialog]");
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Host errors and the SDK's own error hook, which must both stay empty. */
const sdkErrors = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as TestWindow).__nudgeTest.errors);

test("a step with content renders its blocks under a strict CSP with Trusted Types", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const chunk = page.waitForResponse((r) => r.url().endsWith("/sdk/0.1.0/content.js"));
  const dialog = await open(page, "strict");
  expect((await chunk).status()).toBe(200);
  await expect(dialog.getByRole("heading", { name: "Hello there" })).toBeVisible();
  await expect(dialog.locator(".nc h2.nc-h")).toHaveText("Welcome, there");
  await expect(dialog.locator(".nc-text a")).toHaveAttribute("href", "/guide");
  await expect(dialog.locator(".nc-text a strong")).toHaveText("the guide");
  await expect(dialog.locator(".nc hr.nc-hr")).toHaveCount(1);
  // The blocks replace the plain body.
  await expect(dialog).not.toContainText("The plain body");
  // The content stylesheet is adopted: the button wears the card's accent.
  const button = dialog.locator("a.nc-btn");
  await expect(button).toHaveCSS("background-color", "rgb(67, 56, 202)");
  await expect(button).toHaveAttribute("href", "/start?who=there");
  expect(await dialog.getAttribute("dir")).toBe("auto");
  expect(errors).toEqual([]);
  expect(await sdkErrors(page)).toEqual([]);
  // A content button is the step's CTA: counted, then followed (same origin: same tab).
  await button.click();
  await page.waitForURL(/\/start\?who=there$/);
  await expect.poll(() => stack.stats(richId).then((c) => c.cta_click)).toBe(1);
});

test("a plain step never loads the chunk", async ({ page }) => {
  const loads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/content.js")) loads.push(r.url());
  });
  await page.goto(stack.page("plain", "content-plain"));
  await page.waitForFunction(() => Boolean((globalThis as unknown as TestWindow).__nudgeTest));
  await callNudge(page, "messages.fetchActive");
  expect(await callNudge(page, "show", plainId)).toBe(true);
  await expect(page.getByRole("dialog", { name: "Plain one" })).toBeVisible();
  expect(loads).toEqual([]);
});

test("a French user (locale trait fr-FR) gets the French translation with their name", async ({
  page,
}) => {
  const dialog = await open(page, "plain", { locale: "fr-FR", first_name: "Zoé" });
  await expect(dialog.getByRole("heading", { name: "Bonjour Zoé" })).toBeVisible();
  await expect(dialog.locator(".nc-h")).toHaveText("Bienvenue, Zoé");
  await expect(dialog.locator("a.nc-btn")).toHaveText("Commencer");
  // Only the translated content; the default's button URL carries the URL-encoded name.
  await expect(dialog.locator("a.nc-btn")).toHaveAttribute("href", "/start?who=Zo%C3%A9");
  expect(await dialog.getAttribute("lang")).toBe("fr");
  expect(await dialog.getAttribute("dir")).toBe("ltr");
});

test("an Arabic user gets the Arabic translation, right to left and mirrored", async ({ page }) => {
  const dialog = await open(page, "plain", { locale: "ar-EG", first_name: "ليلى" });
  await expect(dialog.getByRole("heading", { name: "مرحبا ليلى" })).toBeVisible();
  await expect(dialog.locator(".nc-h")).toHaveText("أهلا، ليلى");
  expect(await dialog.getAttribute("lang")).toBe("ar");
  expect(await dialog.getAttribute("dir")).toBe("rtl");
  const card = (await dialog.boundingBox())!;
  const close = (await dialog.getByRole("button", { name: "Close" }).boundingBox())!;
  const title = (await dialog.getByRole("heading", { name: "مرحبا ليلى" }).boundingBox())!;
  const cta = (await dialog.locator("a.nc-btn").boundingBox())!;
  // Mirrored: × in the left corner, the title and the content's button start on the right.
  expect(close.x - card.x).toBeLessThan(card.width / 4);
  expect(card.x + card.width - (title.x + title.width)).toBeLessThan(32);
  expect(card.x + card.width - (cta.x + cta.width)).toBeLessThan(32);
  expect(cta.x - card.x).toBeGreaterThan(card.width / 2);
});

test("a user without traits gets the default texts and placeholders' defaults", async ({
  page,
}) => {
  const dialog = await open(page, "plain");
  await expect(dialog.getByRole("heading", { name: "Hello there" })).toBeVisible();
  await expect(dialog.locator(".nc-h")).toHaveText("Welcome, there");
  expect(await dialog.getAttribute("lang")).toBeNull();
});

test.describe("with a French browser and no locale trait", () => {
  test.use({ locale: "fr-CA" });
  test("navigator.language picks the translation by its base language", async ({ page }) => {
    const dialog = await open(page, "plain");
    await expect(dialog.getByRole("heading", { name: "Bonjour toi" })).toBeVisible();
    expect(await dialog.getAttribute("lang")).toBe("fr");
  });
  test("the locale trait comes before the browser's language", async ({ page }) => {
    const dialog = await open(page, "plain", { locale: "ar" });
    await expect(dialog.getByRole("heading", { name: "مرحبا صديقي" })).toBeVisible();
  });
});

test("a trait holding markup is shown as text, never as markup", async ({ page }) => {
  const markup = '<img src=x onerror="window.__pwned=1"><b>Bob</b>';
  const dialog = await open(page, "plain", { first_name: markup });
  await expect(dialog.locator(".nc-h")).toHaveText(`Welcome, ${markup}`);
  await expect(dialog.getByRole("heading", { name: `Hello ${markup}` })).toBeVisible();
  await expect(dialog.locator("img, b")).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("when the chunk cannot load, the step shows its plain fields and the page is unharmed", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.route("**/sdk/0.1.0/content.js", (route) => route.abort());
  const dialog = await open(page, "plain");
  await expect(dialog.getByRole("heading", { name: "Hello there" })).toBeVisible();
  await expect(dialog).toContainText("The plain body, for renderers without blocks.");
  await expect(dialog.locator(".nc")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  // The host page still works.
  await page.locator("#host-action").click();
  await expect(page.locator("#host-output")).not.toBeEmpty();
  // Chromium reports the aborted request itself; nothing else may reach the console.
  expect(errors.filter((e) => !e.includes("net::ERR_FAILED"))).toEqual([]);
  // A failed load is not remembered: once the chunk can be had, the next rich step has it.
  await page.unroute("**/sdk/0.1.0/content.js");
  expect(await callNudge(page, "show", secondRichId)).toBe(true);
  await expect(page.locator("nudge-root .nc-h")).toHaveText("Welcome, there");
});

test("the ES module build loads the same chunk from the Nudge server", async ({ page }) => {
  // A page of another origin without the script tag: the ES module is all there is.
  await page.goto(`${stack.fixtures}/fixtures/page.css`);
  await page.evaluate(
    async ([url, key, id]) => {
      const sdk = await import(`${url}/sdk.esm.js`);
      sdk.init({ apiKey: key, host: url, distinctId: "esm-user" });
      await sdk.messages.fetchActive();
      await sdk.show(id);
    },
    [stack.nudge.url, stack.tenant.publishableKey, richId] as const,
  );
  await expect(page.locator("nudge-root .nc-h")).toHaveText("Welcome, there");
});

test("/demo (strict CSP, Trusted Types) renders a page-triggered message's content", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/demo/pricing$" },
    steps: [{ ...richStep, type: "slideout" }],
  });
  const response = await page.goto(
    `${stack.nudge.url}/demo/pricing?key=${stack.tenant.publishableKey}&id=demo-content`,
  );
  expect(response?.headers()["content-security-policy"]).toContain("require-trusted-types-for");
  const dialog = page.locator("nudge-root [role=dialog]");
  await expect(dialog.locator(".nc-h")).toHaveText("Welcome, there");
  await expect(dialog.locator("a.nc-btn")).toHaveCSS("background-color", "rgb(67, 56, 202)");
  expect(errors).toEqual([]);
});
