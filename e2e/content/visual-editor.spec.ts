import { expect, test } from "@playwright/test";
import {
  adminApi,
  expectNoSeriousA11yViolations,
  login,
  owner,
  screenshot,
} from "../dashboard/support.js";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { block, dragBlock } from "./support.js";

/** The visual content editor: blocks dragged onto the canvas, traits, a sample user, saving. */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof setupTenant>>;
let api: ReturnType<typeof adminApi>;
const viewer = { email: "content-viewer@example.com", password: "viewer passphrase" };

test.beforeAll(async ({ browser }) => {
  server = await startServer();
  tenant = await setupTenant(server.url);
  api = adminApi(server.url, tenant.secretKey, tenant.productId);
  const identify = (distinctId: string, traits: object) =>
    fetch(`${server.url}/api/v1/identify`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tenant.publishableKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ distinctId, traits }),
    });
  expect((await identify("ana", { first_name: "Ana", plan: "pro" })).status).toBe(204);
  const ownerContext = await browser.newContext({ baseURL: server.url });
  await login(ownerContext, server.url, owner.email, owner.password);
  const res = await ownerContext.request.post(
    `/api/v1/organizations/${tenant.organizationId}/members`,
    { data: { ...viewer, role: "viewer" }, headers: { origin: server.url } },
  );
  expect(res.status(), await res.text()).toBe(201);
  await ownerContext.close();
});

test.afterAll(async () => {
  await server?.stop();
});

test("an author builds content by dragging blocks, personalizes it and saves it", async ({
  browser,
}) => {
  // Three drags, typing and an axe scan of a large page: slow on a busy two-core machine.
  test.setTimeout(180_000);
  const message = await api.createMessage("Rich welcome");
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
  });
  await login(context, server.url, owner.email, owner.password);
  const page = await context.newPage();
  await page.goto(`/messages/${message.id}`);
  await page.getByRole("link", { name: "Rich content" }).click();
  await expect(page).toHaveURL(new RegExp(`/messages/${message.id}/steps/1/content$`));
  await expect(page.getByRole("heading", { name: /Rich content · Step 1/ })).toBeVisible();

  const canvas = page.getByRole("region", { name: "Canvas" });
  await dragBlock(page, "Heading");
  await expect(canvas.getByTestId("rendered-content")).toHaveCount(1);
  await dragBlock(page, "Text");
  await expect(canvas.getByTestId("rendered-content")).toHaveCount(2);
  await dragBlock(page, "Button");
  await expect(canvas.getByTestId("rendered-content")).toHaveCount(3);

  // The heading, personalized; then the text, in the rich-text markup.
  await block(canvas, "Heading").click();
  const fields = page.getByRole("region", { name: "Block fields" });
  await fields
    .getByRole("textbox", { name: "Text" })
    .fill('Hi {{ traits.first_name | default: "there" }}');
  await block(canvas, "Text").click();
  await fields.getByRole("textbox", { name: "Text" }).fill("Read **the guide**\n- one\n- two");
  await expect(page.getByTestId("unsaved-badge")).toBeVisible();

  // Traits of the product, and a sample user's preview with the placeholders filled.
  await expect(page.getByTestId("trait-keys")).toContainText("first_name");
  const preview = page.getByTestId("personalized-preview");
  await expect(preview.locator("h2")).toHaveText("Hi there");
  await page.getByLabel("Sample user (distinct id)").fill("ana");
  await expect(page.getByTestId("sample-status")).toContainText("2 traits of ana");
  await expect(preview.locator("h2")).toHaveText("Hi Ana");
  await expect(preview.locator("strong")).toHaveText("the guide");
  await expect(preview.locator("li")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "content-editor");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);
  const saved = (await api.getMessage(message.id)).body as {
    steps: { content?: { content: { type: string; props: Record<string, unknown> }[] } }[];
  };
  const blocks = saved.steps[0]!.content!.content;
  expect(blocks.map((b) => b.type)).toEqual(["Heading", "Text", "Button"]);
  expect(blocks[0]!.props.text).toBe('Hi {{ traits.first_name | default: "there" }}');
  expect(blocks[1]!.props.text).toEqual([
    { type: "paragraph", children: [{ text: "Read " }, { text: "the guide", bold: true }] },
    { type: "list", items: [[{ text: "one" }], [{ text: "two" }]] },
  ]);

  // A refused value is named inline, by block, and nothing is saved.
  await block(canvas, "Button").click();
  await fields.getByRole("textbox", { name: "Link" }).fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Not saved: fix these blocks")).toBeVisible();
  await expect(page.getByText(/Block 3 \(Button\), href/)).toBeVisible();

  // Someone else saves meanwhile: the same conflict dialog as the editor's, edits kept.
  const current = (await api.getMessage(message.id)).body as { version: number };
  const bumped = await api.call("PATCH", `/messages/${message.id}`, {
    name: "Renamed elsewhere",
    version: current.version,
  });
  expect(bumped.status).toBe(200);
  await fields.getByRole("textbox", { name: "Link" }).fill("/welcome");
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Someone else saved this message" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep my edits" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);
  const final = (await api.getMessage(message.id)).body as typeof saved;
  expect(final.steps[0]!.content!.content[2]!.props.href).toBe("/welcome");
  await context.close();
});

test("a viewer sees the content and the traits, and no write controls", async ({ browser }) => {
  const message = await api.createMessage("Viewer content", {
    steps: [
      {
        type: "modal",
        body: "",
        content: {
          root: { props: {} },
          content: [{ type: "Heading", props: { id: "h", text: "For viewers", level: 2 } }],
        },
      },
    ],
  });
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
  });
  await login(context, server.url, viewer.email, viewer.password);
  const page = await context.newPage();
  await page.goto(`/messages/${message.id}`);
  await page.getByRole("link", { name: "View rich content" }).click();
  // The navbar's "View only" badge appears too once the session loads, so name the page's alert.
  await expect(page.getByRole("alert").filter({ hasText: "View only" })).toBeVisible();
  await expect(page.getByTestId("rendered-content").first().locator("h2")).toHaveText(
    "For viewers",
  );
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Blocks" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Block fields" })).toHaveCount(0);
  await expect(page.getByTestId("trait-keys")).toContainText("first_name");
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
