import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { adminApi, expectNoSeriousA11yViolations, login, owner } from "../dashboard/support.js";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";

/** The translation grid: locales added and removed, missing texts flagged, the JSON file. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof setupTenant>>;

test.beforeAll(async () => {
  server = await startServer();
  tenant = await setupTenant(server.url);
});

test.afterAll(async () => {
  await server?.stop();
});

test("an author translates a message in the grid and round-trips the translators' file", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const api = adminApi(server.url, tenant.secretKey, tenant.productId);
  const message = await api.createMessage("Localized", {
    steps: [
      {
        type: "modal",
        title: "Welcome",
        body: "Glad you are here",
        content: {
          root: { props: {} },
          content: [{ type: "Heading", props: { id: "h1", text: "Hello", level: 2 } }],
        },
      },
    ],
  });
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
  });
  await login(context, server.url, owner.email, owner.password);
  const page = await context.newPage();
  await page.goto(`/messages/${message.id}`);
  const section = page.locator("#translations");
  await expect(section.getByText("No translations yet.")).toBeVisible();

  // A malformed tag is refused in words; a good one adds a column with every text missing.
  const add = section.getByLabel("Add a locale");
  await add.fill("french");
  await expect(section.getByText(/A language tag such as/)).toBeVisible();
  await add.fill("fr");
  await section.getByRole("button", { name: "Add" }).click();
  await expect(section.getByTestId("locale-fr")).toContainText("3 missing");
  await section.getByLabel("Step 1 Title in fr (missing)").fill("Bienvenue");
  await section.getByLabel("Step 1 Heading (block 1) in fr (missing)").fill("Bonjour");
  await expect(section.getByTestId("locale-fr")).toContainText("1 missing");

  // A right-to-left locale's cells are written right to left; removing a locale drops it.
  await add.fill("ar");
  await section.getByRole("button", { name: "Add" }).click();
  await expect(
    section.getByLabel("Step 1 Title in ar (missing)").locator("xpath=ancestor::td"),
  ).toHaveAttribute("dir", "rtl");
  await section.getByRole("button", { name: "Remove locale ar" }).click();
  await expect(section.getByTestId("locale-ar")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);
  const saved = (await api.getMessage(message.id)).body as {
    steps: { translations?: Record<string, { title?: string; content?: unknown }> }[];
  };
  expect(Object.keys(saved.steps[0]!.translations!)).toEqual(["fr"]);
  expect(saved.steps[0]!.translations!.fr!.title).toBe("Bienvenue");

  // Export: the file the translations API serves.
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Export JSON" }).click();
  const file = JSON.parse(readFileSync((await (await download).path())!, "utf8"));
  expect(file.messageId).toBe(message.id);
  expect(file.steps[0].translations.fr.title).toBe("Bienvenue");

  // A translator fills in the body and adds German; the import lands in the grid.
  file.steps[0].translations.fr.body = "Ravis de vous voir";
  file.steps[0].translations.de = { title: "Willkommen" };
  await section.locator('input[type="file"]').setInputFiles({
    name: "translations.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByText("Translations imported")).toBeVisible();
  await expect(section.getByTestId("locale-fr")).toContainText("complete");
  await expect(section.getByTestId("locale-de")).toContainText("2 missing");
  await expect(section.getByLabel("Step 1 Title in de")).toHaveValue("Willkommen");

  // A file that is not the API's shape is refused with the field named, nothing imported.
  await section.locator('input[type="file"]').setInputFiles({
    name: "bad.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ version: 1, steps: [{ translations: { "fr-fr": {} } }] })),
  });
  await expect(section.getByText("Not imported")).toBeVisible();
  await expect(section.getByText(/steps\.0\.translations/)).toBeVisible();
  await context.close();
});
