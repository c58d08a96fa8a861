import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { type RunningServer, startServer } from "../support/server.js";
import { screenshot } from "./support.js";

/**
 * Issue 5's journey on a clean install, in one browser: first run → key → a two-step message →
 * preview (records nothing) → publish → the demo site shows it → dismiss → stats count it.
 */
test.describe.configure({ mode: "serial" });

let server: RunningServer;
let context: BrowserContext;
let page: Page;
const state = { publishableKey: "", productId: "", messageId: "" };

test.beforeAll(async ({ browser }) => {
  server = await startServer();
  context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
});

const stats = async () => {
  const res = await page.request.get(
    `/api/v1/products/${state.productId}/messages/${state.messageId}/stats`,
  );
  expect(res.status()).toBe(200);
  return (await res.json()).counts as Record<string, number>;
};

test("first run: set up the server and land on an empty message list", async () => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/welcome/);
  await expect(page.getByRole("heading", { name: "Set up Nudge" })).toBeVisible();
  await screenshot(page, "welcome-setup");

  await page.getByLabel("Work email").fill("pm@acme.example");
  await page.getByRole("textbox", { name: "Password" }).fill("a strong passphrase");
  await page.getByLabel("Organization name").fill("Acme");
  await page.getByLabel("Product name").fill("Acme web app");
  await page.getByRole("button", { name: "Create account and continue" }).click();

  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByRole("heading", { name: "Messages" })).toBeVisible();
  await expect(page.getByText("No messages yet — create your first")).toBeVisible();
  await screenshot(page, "messages-empty");

  const products = await (await page.request.get("/api/v1/products")).json();
  state.productId = products.items[0].id;
});

test("create a publishable key: shown once, then listed by prefix", async () => {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("Demo site");
  await create.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("created-key");
  await expect(shown).toHaveText(/^pk_/);
  state.publishableKey = (await shown.textContent())?.trim() ?? "";
  await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
  await screenshot(page, "settings-key-created");
  await page.getByRole("button", { name: "I have saved it" }).click();

  const row = page.getByTestId("keys-table").getByRole("row", { name: /Demo site/ });
  await expect(row).toContainText(state.publishableKey.slice(0, 8));
  await expect(row).not.toContainText(state.publishableKey);
});

test("author a two-step message (modal + tooltip) with a URL regex", async () => {
  await page.getByRole("link", { name: "Messages" }).click();
  await page.getByRole("button", { name: "Create your first message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("Name").fill("Welcome tour");
  await screenshot(page, "new-message");
  await dialog.getByRole("button", { name: "Create and edit" }).click();
  await expect(page).toHaveURL(/\/messages\/msg_[A-Za-z0-9]+$/);
  state.messageId = new URL(page.url()).pathname.split("/")[2]!;

  // URL regex with the live tester.
  await page.getByLabel("URL regex").fill("^/demo");
  const tester = page.getByLabel("Path to try");
  await tester.fill("/pricing");
  await expect(page.getByTestId("url-match-result")).toHaveText("No match");
  await tester.fill("/demo");
  await expect(page.getByTestId("url-match-result")).toHaveText("Matches");

  // Step 1: the default modal.
  await page.getByLabel("Title").fill("Welcome to Acme");
  await page.getByLabel("Body").fill("Let us show you around.");

  // Step 2: a tooltip; saving without its selector is refused inline.
  await page.getByRole("button", { name: "Add step" }).click();
  await page.getByRole("menuitem", { name: "Tooltip" }).click();
  await expect(page.getByTestId("step-card")).toHaveCount(2);
  await page.getByLabel("Title").fill("Start here");
  await page.getByLabel("Body").fill("Everything begins with this button.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("a tooltip needs a selector")).toBeVisible();
  await page.getByLabel("Anchor selector").fill("#get-started");

  // Reorder with the keyboard (dnd-kit): move the tooltip up, then back down.
  // Each key waits for the screen-reader announcement, as a keyboard user waits for feedback.
  const cards = page.getByTestId("step-card");
  const announced = (text: string) => expect(page.getByText(text, { exact: true })).toBeAttached();
  await page.getByRole("button", { name: "Reorder step 2 of 2" }).focus();
  await page.keyboard.press("Space");
  await announced("Step 2 is over position 2.");
  await page.keyboard.press("ArrowUp");
  await announced("Step 2 is over position 1.");
  await page.keyboard.press("Space");
  await expect(cards.first()).toContainText("Step 1 · Tooltip");
  await page.getByRole("button", { name: "Reorder step 1 of 2" }).focus();
  await page.keyboard.press("Space");
  await announced("Step 1 is over position 1.");
  await page.keyboard.press("ArrowDown");
  await announced("Step 1 is over position 2.");
  await page.keyboard.press("Space");
  await expect(cards.first()).toContainText("Step 1 · Modal");

  await expect(page.getByTestId("unsaved-badge")).toBeVisible();
  await screenshot(page, "editor");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved “Welcome tour”")).toBeVisible();
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);

  const saved = await (
    await page.request.get(`/api/v1/products/${state.productId}/messages/${state.messageId}`)
  ).json();
  expect(saved.trigger).toEqual({ type: "page", urlRegex: "^/demo" });
  expect(saved.steps.map((s: { type: string }) => s.type)).toEqual(["modal", "tooltip"]);
  expect(saved.steps[1].selector).toBe("#get-started");
  expect(saved.version).toBe(2);
});

test("preview steps through Next / Done and records no events", async () => {
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page).toHaveURL(new RegExp(`/messages/${state.messageId}/preview$`));
  const frame = page.frameLocator('iframe[title^="Preview of"]');
  await expect(frame.getByText("Welcome to Acme")).toBeVisible();
  await screenshot(page, "preview");
  await frame.getByRole("button", { name: /Next/ }).click();
  await expect(frame.getByText("Start here")).toBeVisible();
  await frame.getByRole("button", { name: "Done" }).click();
  await expect(frame.getByText("Welcome to Acme")).toBeHidden();
  await expect(frame.getByText("Start here")).toBeHidden();

  expect(await stats()).toEqual({ impression: 0, dismiss: 0, cta_click: 0, complete: 0 });
});

test("set it Active and turn auto-render on", async () => {
  await page.getByRole("link", { name: "Back to editor" }).click();
  await page
    .getByRole("radiogroup", { name: "Status" })
    .getByText("Active", { exact: true })
    .click();
  await expect(page.getByRole("radio", { name: "Active" })).toBeChecked();
  // The editor test's "Saved" toast (2.5 s) may still be up when the preview test is quick:
  // let it close, so the toast awaited below is this save's.
  await expect(page.getByText("Saved “Welcome tour”")).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved “Welcome tour”")).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  const toggle = page.getByRole("switch", { name: "Auto-render in-app messages" });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByText("Auto-render is on")).toBeVisible();

  const message = await (
    await page.request.get(`/api/v1/products/${state.productId}/messages/${state.messageId}`)
  ).json();
  expect(message.status).toBe("active");
  const product = await (await page.request.get(`/api/v1/products/${state.productId}`)).json();
  expect(product.autoRender).toBe(true);
});

test("the demo site renders it at the matching path; a dismiss shows in the stats", async ({
  browser,
}) => {
  const site = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const visitor = await site.newPage();
    const res = await visitor.goto(
      `${server.url}/demo?key=${encodeURIComponent(state.publishableKey)}&id=e2e-visitor-1`,
    );
    expect(res?.status(), "the SDK's /demo host page must be served").toBe(200);
    const message = visitor.getByRole("dialog").filter({ hasText: "Welcome to Acme" });
    await expect(message).toBeVisible({ timeout: 15_000 });
    await message.getByRole("button", { name: "Close" }).click();
    await expect(message).toBeHidden();
  } finally {
    await site.close();
  }

  await expect.poll(stats, { timeout: 15_000 }).toMatchObject({ impression: 1, dismiss: 1 });

  await page.goto(`/messages/${state.messageId}/stats`);
  await expect(page.getByTestId("stat-impressions-value")).toHaveText("1");
  await expect(page.getByTestId("stat-dismiss")).toContainText("1 of 1 impressions");
  await expect(page.getByTestId("stat-dismiss-value")).toHaveText("100%");
  await screenshot(page, "stats-after-dismiss");
});
