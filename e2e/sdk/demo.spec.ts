import { expect, test } from "@playwright/test";
import { collectErrors, type Stack, startStack } from "./support.js";

/** What the server serves for the SDK, and the demo page a newcomer opens first. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

test("/sdk.js, the pinned /sdk/<version>/nudge.js and /sdk.esm.js", async () => {
  const latest = await fetch(`${stack.nudge.url}/sdk.js`);
  expect(latest.status).toBe(200);
  expect(latest.headers.get("content-type")).toMatch(/^text\/javascript/);
  expect(latest.headers.get("cache-control")).toBe("public, max-age=300");
  expect(latest.headers.get("access-control-allow-origin")).toBe("*");
  const body = await latest.text();

  const pinned = await fetch(`${stack.nudge.url}/sdk/0.1.0/nudge.js`);
  expect(pinned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  expect(await pinned.text()).toBe(body);

  const unknown = await fetch(`${stack.nudge.url}/sdk/9.9.9/nudge.js`);
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get("content-type")).toMatch(/problem\+json/);

  const esm = await fetch(`${stack.nudge.url}/sdk.esm.js`);
  expect(esm.status).toBe(200);
  expect(await esm.text()).toContain("export");
});

test("/demo shows the product's messages under a strict CSP, SPA routes included", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/demo/app$" },
    steps: [
      { type: "modal", title: "Welcome to Acme", body: "A quick tour." },
      { type: "tooltip", selector: "#upgrade-btn", title: "Upgrade", body: "More seats here." },
    ],
  });
  const response = await page.goto(
    `${stack.nudge.url}/demo?key=${stack.tenant.publishableKey}&id=demo-visitor`,
  );
  expect(response?.headers()["content-security-policy"]).toContain("require-trusted-types-for");
  await expect(page.locator("#status")).toContainText("active message");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("dialog", { name: "Welcome to Acme" })).toBeVisible();
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page.getByRole("dialog", { name: "Upgrade" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.locator("#path")).toHaveText("/demo/app");
  expect(errors).toEqual([]);
});

test("/demo without a key asks for one", async ({ page }) => {
  await page.goto(`${stack.nudge.url}/demo`);
  await expect(page.getByLabel("Publishable key")).toBeVisible();
});
