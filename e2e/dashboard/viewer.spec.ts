import { expect, test } from "@playwright/test";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { adminApi, login, owner, rememberInstall, screenshot } from "./support.js";

/** A viewer sees everything and can change nothing: no write controls, and the API refuses. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof setupTenant>>;
let messageId = "";
const viewer = { email: "viewer@example.com", password: "viewer passphrase" };

test.beforeAll(async ({ browser }) => {
  server = await startServer();
  tenant = await setupTenant(server.url);
  messageId = (
    await adminApi(server.url, tenant.secretKey, tenant.productId).createMessage("Read only")
  ).id;
  const ownerContext = await browser.newContext({ baseURL: server.url });
  await login(ownerContext, server.url, owner.email, owner.password);
  const res = await ownerContext.request.post(
    `/api/v1/organizations/${tenant.organizationId}/members`,
    {
      data: { ...viewer, role: "viewer" },
      headers: { origin: server.url },
    },
  );
  expect(res.status(), await res.text()).toBe(201);
  await ownerContext.close();
});

test.afterAll(async () => {
  await server?.stop();
});

test("a viewer gets no create, edit, delete or key controls, and the API answers 403", async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await rememberInstall(context);

  // Signs in through the UI.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByRole("textbox", { name: "Password" }).fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  // List: the message is visible, but there is no way to create or delete.
  const row = page.getByTestId("message-row").filter({ hasText: "Read only" });
  await expect(row).toBeVisible();
  await expect(page.getByText("View only")).toBeVisible();
  await expect(page.getByRole("button", { name: "New message" })).toHaveCount(0);
  await page.getByRole("button", { name: "More actions for Read only" }).click();
  await expect(page.getByRole("menuitem", { name: "Why isn’t it showing?" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Delete" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await screenshot(page, "messages-viewer");

  // Editor: read-only fields, no status switch, no Save.
  await page.getByRole("link", { name: "View Read only", exact: true }).click();
  await expect(page.getByText("View only").first()).toBeVisible();
  await expect(page.getByLabel("Name")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("radiogroup", { name: "Status" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add step" })).toBeDisabled();

  // Settings: no key creation, no revoking, auto-render locked.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await expect(page.getByRole("switch", { name: "Auto-render in-app messages" })).toBeDisabled();

  // Team: no member management.
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);

  // The server refuses too: direct same-origin fetches with the viewer's session cookie.
  const statuses = await page.evaluate(
    async ({ productId, id }) => {
      const send = async (method: string, path: string, body?: unknown) =>
        (
          await fetch(`/api/v1/products/${productId}${path}`, {
            method,
            headers: body === undefined ? {} : { "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          })
        ).status;
      return {
        create: await send("POST", "/messages", {
          name: "Sneaky",
          trigger: { type: "page" },
          steps: [{ type: "modal", body: "x" }],
        }),
        edit: await send("PATCH", `/messages/${id}`, { name: "Renamed", version: 1 }),
        remove: await send("DELETE", `/messages/${id}`),
        key: await send("POST", "/keys", { type: "secret", name: "Mine" }),
      };
    },
    { productId: tenant.productId, id: messageId },
  );
  expect(statuses).toEqual({ create: 403, edit: 403, remove: 403, key: 403 });
  await context.close();
});
