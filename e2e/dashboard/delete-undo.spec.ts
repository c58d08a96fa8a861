import { type BrowserContext, expect, test } from "@playwright/test";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { adminApi, login, owner, screenshot } from "./support.js";

/** Delete with an Undo toast: nothing is sent until the toast expires, and Undo loses nothing. */
let server: RunningServer;
let context: BrowserContext;
let api: ReturnType<typeof adminApi>;

test.beforeAll(async () => {
  server = await startServer();
  const tenant = await setupTenant(server.url);
  api = adminApi(server.url, tenant.secretKey, tenant.productId);
});

test.afterAll(async () => {
  await server?.stop();
});

test.beforeEach(async ({ browser }) => {
  context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  await login(context, server.url, owner.email, owner.password);
});

test.afterEach(async () => {
  await context?.close();
});

const row = (page: import("@playwright/test").Page, name: string) =>
  page.getByTestId("message-row").filter({ hasText: name });

async function deleteFromList(page: import("@playwright/test").Page, name: string) {
  await page.getByRole("button", { name: `More actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
}

test("Undo restores the message and nothing is deleted on the server", async () => {
  const kept = await api.createMessage("Keep me");
  const page = await context.newPage();
  const deletes: string[] = [];
  page.on("request", (r) => r.method() === "DELETE" && deletes.push(r.url()));
  await page.goto("/messages");
  await expect(row(page, "Keep me")).toBeVisible();

  await deleteFromList(page, "Keep me");
  await expect(row(page, "Keep me")).toHaveCount(0);
  await expect(page.getByText("Message deleted")).toBeVisible();
  await screenshot(page, "messages-undo-toast");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(row(page, "Keep me")).toBeVisible();
  await expect(page.getByText("Restored “Keep me”")).toBeVisible();

  // Well past the undo window: still there, and no DELETE ever left the browser.
  await page.waitForTimeout(6500);
  expect(deletes).toEqual([]);
  expect((await api.getMessage(kept.id)).status).toBe(200);
  await page.reload();
  await expect(row(page, "Keep me")).toBeVisible();
});

test("without Undo the message is deleted when the toast expires", async () => {
  const doomed = await api.createMessage("Delete me");
  await api.createMessage("Bystander");
  const page = await context.newPage();
  await page.goto("/messages");
  await deleteFromList(page, "Delete me");
  await expect(row(page, "Delete me")).toHaveCount(0);

  // During the undo window the server still has it.
  expect((await api.getMessage(doomed.id)).status).toBe(200);
  await expect(page.getByText("Message deleted")).toBeHidden({ timeout: 10_000 });
  await expect.poll(async () => (await api.getMessage(doomed.id)).status).toBe(404);
  await page.reload();
  await expect(row(page, "Bystander")).toBeVisible();
  await expect(row(page, "Delete me")).toHaveCount(0);
});

test("closing the tab inside the undo window still sends the delete", async () => {
  const doomed = await api.createMessage("Closed tab");
  const page = await context.newPage();
  await page.goto("/messages");
  await deleteFromList(page, "Closed tab");
  await expect(row(page, "Closed tab")).toHaveCount(0);
  await page.close({ runBeforeUnload: true });
  await expect.poll(async () => (await api.getMessage(doomed.id)).status).toBe(404);
});
