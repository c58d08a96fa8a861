import { expect, type Page, test } from "@playwright/test";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { adminApi, login, owner, screenshot } from "./support.js";

/** Two people edit one message: the second save is told, and no edit disappears silently. */
let server: RunningServer;
let api: ReturnType<typeof adminApi>;

test.beforeAll(async () => {
  server = await startServer();
  const tenant = await setupTenant(server.url);
  api = adminApi(server.url, tenant.secretKey, tenant.productId);
});

test.afterAll(async () => {
  await server?.stop();
});

async function openEditor(page: Page, id: string) {
  await page.goto(`/messages/${id}`);
  await expect(page.getByLabel("Name")).toBeVisible();
}

test("the second save shows the conflict; keep my edits, then overwrite on purpose", async ({
  browser,
}) => {
  const message = await api.createMessage("Shared draft");
  const [alice, bob] = await Promise.all(
    [0, 1].map(async () => {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 800 },
      });
      await login(context, server.url, owner.email, owner.password);
      return context.newPage();
    }),
  );
  await openEditor(alice!, message.id);
  await openEditor(bob!, message.id);

  await alice!.getByLabel("Name").fill("Alice’s name");
  await alice!.getByRole("button", { name: "Save" }).click();
  await expect(alice!.getByText("Saved “Alice’s name”")).toBeVisible();

  await bob!.getByLabel("Body").fill("Bob’s body text");
  await bob!.getByRole("button", { name: "Save" }).click();
  const conflict = bob!.getByRole("dialog", { name: "Someone else saved this message" });
  await expect(conflict).toBeVisible();
  await screenshot(bob!, "editor-conflict");
  // Nothing of Bob's was saved, and nothing of it is gone from his screen.
  expect((await api.getMessage(message.id)).body.steps[0].body).toBe("Body of Shared draft");
  await expect(bob!.getByLabel("Body")).toHaveValue("Bob’s body text");

  await conflict.getByRole("button", { name: "Keep my edits" }).click();
  await expect(conflict).toBeHidden();
  await expect(bob!.getByLabel("Body")).toHaveValue("Bob’s body text");
  await expect(bob!.getByText("Your edits are on top of a newer version")).toBeVisible();
  // Keeping edits does not save by itself: the server still has Alice's version.
  expect((await api.getMessage(message.id)).body.version).toBe(2);

  await bob!.getByRole("button", { name: "Save" }).click();
  await expect(bob!.getByText(/^Saved “/)).toBeVisible();
  const saved = (await api.getMessage(message.id)).body;
  expect(saved.version).toBe(3);
  expect(saved.steps[0].body).toBe("Bob’s body text");

  await alice!.context().close();
  await bob!.context().close();
});

test("reloading their version replaces mine only when asked", async ({ browser }) => {
  const message = await api.createMessage("Reload case");
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  await login(context, server.url, owner.email, owner.password);
  const page = await context.newPage();
  await openEditor(page, message.id);

  // Someone else saves through the API meanwhile.
  const current = (await api.getMessage(message.id)).body;
  const {
    id: _i,
    productId: _p,
    experimentId: _e,
    variantKey: _v,
    createdAt: _c,
    updatedAt: _u,
    ...fields
  } = current;
  const put = await api.call("PUT", `/messages/${message.id}`, {
    ...fields,
    name: "Renamed elsewhere",
  });
  expect(put.status).toBe(200);

  await page.getByLabel("Name").fill("My local name");
  await page.getByRole("button", { name: "Save" }).click();
  const conflict = page.getByRole("dialog", { name: "Someone else saved this message" });
  await expect(conflict).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("My local name");
  await conflict.getByRole("button", { name: "Reload their version" }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel("Name")).toHaveValue("Renamed elsewhere");
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);
  await context.close();
});
