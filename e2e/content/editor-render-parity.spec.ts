import { mkdirSync, writeFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { adminApi, login, owner } from "../dashboard/support.js";
import { diffPngs } from "../support/pixel-diff.js";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { block, dragBlock } from "./support.js";

/**
 * WYSIWYG end to end: content built in the visual editor, published, then drawn by the SDK on
 * /demo and by the render endpoint: the same markup, and the same pixels within a tolerance.
 */
let server: RunningServer;
let tenant: Awaited<ReturnType<typeof setupTenant>>;
const visitor = "parity-visitor";

test.beforeAll(async () => {
  server = await startServer();
  tenant = await setupTenant(server.url);
  const api = adminApi(server.url, tenant.secretKey, tenant.productId);
  expect((await api.call("PATCH", "", { autoRender: true })).status).toBe(200);
  const identified = await fetch(`${server.url}/api/v1/identify`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tenant.publishableKey}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ distinctId: visitor, traits: { first_name: "Ana" } }),
  });
  expect(identified.status).toBe(204);
});

test.afterAll(async () => {
  await server?.stop();
});

/**
 * Moves `content` by less than a pixel so that it starts on whole pixels: the card and the page
 * put it at different fractions of a pixel, and text drawn at another fraction anti-aliases
 * differently. Only the paint moves (relative offset); the layout under test is unchanged.
 */
async function whole(content: Locator) {
  const box = (await content.boundingBox())!;
  const dx = Math.ceil(box.x) - box.x;
  const dy = Math.ceil(box.y) - box.y;
  await content.evaluate(
    (el, [x, y]) => {
      const style = (el as unknown as { style: Record<string, string> }).style;
      style.position = "relative";
      style.left = `${x}px`;
      style.top = `${y}px`;
    },
    [dx, dy],
  );
}

/** Screenshots `.nc` at exactly `width` CSS pixels wide, by sizing the viewport around it. */
async function shotAtWidth(page: Page, content: Locator, width: number) {
  const now = (await content.boundingBox())!.width;
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: Math.round(viewport.width + width - now), height: 900 });
  expect(Math.round((await content.boundingBox())!.width)).toBe(Math.round(width));
  await whole(content);
  return content.screenshot({ animations: "disabled" });
}

test("content from the visual editor renders the same on /demo and from the render endpoint", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const api = adminApi(server.url, tenant.secretKey, tenant.productId);
  const message = await api.createMessage("Parity", {
    steps: [{ type: "modal", title: "Parity", body: "Plain body", dismissible: true }],
  });

  // Built in the dashboard: blocks dragged in, texts typed, saved, then published.
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1440, height: 900 },
  });
  await login(context, server.url, owner.email, owner.password);
  const page = await context.newPage();
  await page.goto(`/messages/${message.id}/steps/1/content`);
  const canvas = page.getByRole("region", { name: "Canvas" });
  const fields = page.getByRole("region", { name: "Block fields" });
  for (const [i, block] of ["Heading", "Text", "Divider", "Button"].entries()) {
    await dragBlock(page, block);
    await expect(canvas.getByTestId("rendered-content")).toHaveCount(i + 1);
  }
  await block(canvas, "Heading").click();
  await fields
    .getByRole("textbox", { name: "Text" })
    .fill('Hello {{ traits.first_name | default: "there" }}');
  await block(canvas, "Text").click();
  await fields
    .getByRole("textbox", { name: "Text" })
    .fill("Your workspace is **ready**. Next:\n- invite your team\n- *connect* your data");
  await block(canvas, "Button").click();
  await fields.getByRole("textbox", { name: "Label" }).fill("Open settings");
  await fields.getByRole("textbox", { name: "Link" }).fill("/demo/settings");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("unsaved-badge")).toHaveCount(0);
  await page.goto(`/messages/${message.id}`);
  await page
    .getByRole("radiogroup", { name: "Status" })
    .getByText("Active", { exact: true })
    .click();
  await expect(page.getByRole("radio", { name: "Active" })).toBeChecked();
  await page.getByRole("button", { name: "Save" }).click();
  await expect.poll(async () => (await api.getMessage(message.id)).body.status).toBe("active");
  await context.close();

  // The SDK on /demo, for a visitor whose first name fills the heading.
  const demo = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await demo.goto(`${server.url}/demo?key=${tenant.publishableKey}&id=${visitor}`);
  const dialog = demo.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const sdkContent = dialog.locator(".nc");
  await expect(sdkContent.locator("h2")).toHaveText("Hello Ana");
  await demo.evaluate("document.fonts.ready");

  // The render endpoint, through a token for the same visitor.
  const tokenRes = await fetch(`${server.url}/api/v1/messages/${message.id}/render-token`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tenant.publishableKey}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ distinctId: visitor }),
  });
  expect(tokenRes.status).toBe(200);
  const { url } = (await tokenRes.json()) as { url: string };
  const rendered = await browser.newPage({ viewport: { width: 600, height: 900 } });
  const res = await rendered.goto(`${server.url}${url}`);
  expect(res?.status()).toBe(200);
  const pageContent = rendered.locator(".nc");
  await expect(pageContent.locator("h2")).toHaveText("Hello Ana");

  // The same markup, element for element: one renderer behind both.
  const markup = (l: Locator) => l.evaluate((el) => el.outerHTML);
  expect(await markup(sdkContent)).toBe(await markup(pageContent));

  // And the same pixels at the same width, within a tolerance for anti-aliasing.
  const width = (await sdkContent.boundingBox())!.width;
  const a = await whole(sdkContent).then(() => sdkContent.screenshot({ animations: "disabled" }));
  const b = await shotAtWidth(rendered, pageContent, width);
  // Kept as CI artefacts beside the dashboard's screenshots, to look at when this fails.
  mkdirSync("test-results/screenshots", { recursive: true });
  writeFileSync("test-results/screenshots/content-parity-sdk.png", a);
  writeFileSync("test-results/screenshots/content-parity-render.png", b);
  const diff = await diffPngs(await browser.newPage(), a, b);
  console.log(`content parity: ${diff.width}×${diff.height}, ${diff.different} pixels differ`);
  expect(diff.ratio).toBeLessThan(0.01);
});
