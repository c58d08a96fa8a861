import { expect, type Page, test } from "@playwright/test";
import { type RunningServer, startServer } from "../support/server.js";
import { seedProduct } from "./seed.js";
import {
  expectNoSeriousA11yViolations,
  login,
  owner,
  rememberInstall,
  screenshot,
} from "./support.js";

/** Every main page on a lived-in product: a 1280×800 screenshot each, and axe-core checks. */
let server: RunningServer;
let seeded: Awaited<ReturnType<typeof seedProduct>>;

test.beforeAll(async () => {
  server = await startServer();
  seeded = await seedProduct(server.url);
});

test.afterAll(async () => {
  await server?.stop();
});

test.beforeEach(async ({ context }) => {
  await login(context, server.url, owner.email, owner.password);
});

const open = async (page: Page, path: string) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}${path}`);
};

test("messages list", async ({ page }) => {
  await open(page, "/messages");
  const rows = page.getByTestId("message-row");
  await expect(rows).toHaveCount(5);
  const tour = rows.filter({ hasText: "Welcome tour" });
  await expect(tour.getByText("Active")).toBeVisible();
  await expect(tour).toContainText("60");
  await expect(tour).toContainText("20%");
  await expect(rows.filter({ hasText: "Feedback survey" }).getByText("Paused")).toBeVisible();
  await expect(rows.filter({ hasText: "Holiday banner" })).toContainText("Dec 1, 2026");
  await screenshot(page, "messages-list");
  await expectNoSeriousA11yViolations(page);

  await page
    .getByRole("radiogroup", { name: "Filter by status" })
    .getByText("Draft", { exact: true })
    .click();
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Search messages").fill("holiday");
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Search messages").fill("nothing like this");
  await expect(page.getByText("No messages match")).toBeVisible();
});

test("editor", async ({ page }) => {
  await open(page, `/messages/${seeded.tourId}`);
  await expect(page.getByLabel("Name")).toHaveValue("Welcome tour");
  await expect(page.getByTestId("preview-frame-host")).toHaveAttribute("data-renderer", /sdk|mock/);
  await expect(
    page.frameLocator('iframe[title="Live preview of this message"]').getByText("Welcome to Acme"),
  ).toBeVisible();
  await screenshot(page, "editor-loaded");
  await expectNoSeriousA11yViolations(page);

  // The traits builder, the unsaved-changes guard and inline errors from the server.
  await page
    .getByRole("radiogroup", { name: "Audience type" })
    .getByText("Traits", { exact: true })
    .click();
  await page.getByLabel("Condition 1: trait").fill("plan");
  await page.getByLabel("Condition 1: value", { exact: true }).fill("pro");
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Condition 2: trait").fill("seats");
  await page.getByRole("combobox", { name: "Condition 2: operator" }).click();
  await page.getByRole("option", { name: "is at least" }).click();
  await page.getByLabel("Condition 2: value", { exact: true }).fill("5");
  await page.getByLabel("URL regex").fill("(a+)+$");
  await page.getByRole("link", { name: "Segments" }).click();
  await expect(page.getByRole("dialog", { name: "Leave without saving?" })).toBeVisible();
  await page.getByRole("button", { name: "Keep editing" }).click();
  await expect(page).toHaveURL(new RegExp(`/messages/${seeded.tourId}$`));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText(/catastrophic|backtrack|cannot be used|not safe|unsafe/i).first(),
  ).toBeVisible();
  await screenshot(page, "editor-errors");
  await page.getByLabel("URL regex").fill("^/app");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved “Welcome tour”")).toBeVisible();
  const saved = (await seeded.api.getMessage(seeded.tourId)).body;
  expect(saved.audience).toEqual({
    type: "traits",
    filter: {
      and: [
        { trait: "plan", op: "eq", value: "pro" },
        { trait: "seats", op: "gte", value: 5 },
      ],
    },
  });
});

test("stats", async ({ page }) => {
  await open(page, `/messages/${seeded.tourId}/stats`);
  await expect(page.getByTestId("stat-impressions-value")).toHaveText("60");
  await expect(page.getByTestId("stat-cta-value")).toHaveText("20%");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await screenshot(page, "stats");
  await page.screenshot({ path: "test-results/screenshots/stats-full-page.png", fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test("settings", async ({ page }) => {
  await open(page, "/settings");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("keys-table").getByRole("row")).toHaveCount(3);
  await screenshot(page, "settings");
  await expectNoSeriousA11yViolations(page);

  // Attention budget round-trips through the API.
  await page.getByLabel("Max per day").fill("3");
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByText("Attention budget saved")).toBeVisible();
  const product = await (
    await page.request.get(`${server.url}/api/v1/products/${seeded.tenant.productId}`)
  ).json();
  expect(product.attentionBudget).toEqual({ maxPerDay: 3 });

  // Revoke asks first, then the key is marked revoked.
  await page.getByRole("button", { name: "Revoke Default secret key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(
    page.getByTestId("keys-table").getByRole("row", { name: /Default secret key/ }),
  ).toContainText("Revoked");
});

test("segments", async ({ page }) => {
  await open(page, "/segments");
  await expect(page.getByText("Pro customers")).toBeVisible();
  await screenshot(page, "segments");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Edit Pro customers" }).click();
  await expect(page.getByTestId("filter-condition")).toHaveCount(2);
  await expect(page.getByTestId("segment-match-count")).toHaveText("1 of 3 users match right now");
  await screenshot(page, "segment-editor");
  await expectNoSeriousA11yViolations(page);
});

test("team", async ({ page }) => {
  await open(page, "/team");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: /Add a member/ });
  await dialog.getByLabel("Email").fill("editor@example.com");
  await dialog.getByRole("textbox", { name: "Initial password" }).fill("editor passphrase");
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await page.getByRole("combobox", { name: "Role of editor@example.com" }).click();
  await page.getByRole("option", { name: "Viewer" }).click();
  await expect(page.getByRole("combobox", { name: "Role of editor@example.com" })).toHaveValue(
    "Viewer",
  );
  await screenshot(page, "team");
  await expectNoSeriousA11yViolations(page);
});

test("why isn't it showing?", async ({ page }) => {
  await open(page, `/messages/${seeded.tourId}/diagnose`);
  await page.getByLabel("User (distinct id)").fill("user-1");
  await page.getByLabel("Page path").fill("/pricing");
  await page.getByRole("button", { name: "Run check" }).click();
  await expect(page.getByText("It would not show")).toBeVisible();
  const checks = page.getByTestId("diagnose-checks");
  await expect(checks.locator('[data-rule="url"]')).toContainText("Fail");
  await expect(checks.locator('[data-rule="auto_render"]')).toContainText("Fail");
  await expect(checks.locator('[data-rule="status"]')).toContainText("Pass");
  await screenshot(page, "diagnose");
  await expectNoSeriousA11yViolations(page);
});

test("sign-in page and dark mode", async ({ page, browser }) => {
  await open(page, "/messages");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
  await screenshot(page, "messages-list-dark");
  await expectNoSeriousA11yViolations(page);
  await page.goto(`${server.url}/messages/${seeded.tourId}/stats`);
  await expect(page.getByTestId("stat-impressions-value")).toHaveText("60");
  await screenshot(page, "stats-dark");

  const anonymous = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const signIn = await anonymous.newPage();
  await rememberInstall(anonymous);
  await signIn.goto(`${server.url}/messages`);
  await expect(signIn.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await screenshot(signIn, "sign-in");
  await expectNoSeriousA11yViolations(signIn);
  await signIn.getByLabel("Email").fill(owner.email);
  await signIn.getByRole("textbox", { name: "Password" }).fill("wrong password");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn.getByRole("alert")).toBeVisible();
  await anonymous.close();
});
