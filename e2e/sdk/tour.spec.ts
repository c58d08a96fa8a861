import { expect, type Page, test } from "@playwright/test";
import { collectErrors, hooks, type Stack, startStack } from "./support.js";

/** SPEC §7 step lifecycle, checked where it counts: in the server's stats. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

const tourSteps = [
  { type: "modal", title: "Welcome", body: "Let us show you around." },
  { type: "tooltip", selector: "#new-project", title: "Projects", body: "Create one here." },
  { type: "banner", title: "All set", body: "Enjoy the product." },
];

/** A page-triggered tour on /plain/<scope>. */
async function tour(scope: string, extra: Record<string, unknown> = {}) {
  return stack.createMessage({
    trigger: { type: "page", urlRegex: `^/plain/${scope}(/|$)` },
    steps: tourSteps,
    ...extra,
  });
}

const dialog = (page: Page, name: string) => page.getByRole("dialog", { name });

test("a 3-step tour plays through Next, Next, Done: one impression, one complete", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const { id } = await tour("tour-done");
  await page.goto(stack.page("plain", "tour-done"));
  await expect(dialog(page, "Welcome")).toBeVisible();
  await expect(dialog(page, "Welcome")).toHaveAttribute("aria-modal", "true");
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(dialog(page, "Welcome")).toBeHidden();
  await expect(dialog(page, "Projects")).toBeVisible();
  await expect(dialog(page, "Projects")).toContainText("2 / 3");
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(dialog(page, "All set")).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(dialog(page, "All set")).toBeHidden();

  await expect
    .poll(() => stack.stats(id))
    .toEqual({ impression: 1, dismiss: 0, cta_click: 0, complete: 1 });
  const steps = await stack.stepStats(id);
  expect(steps.find((s) => s.step === 2)?.counts.complete).toBe(1);
  expect((await hooks(page)).map(([name, p]) => [name, p.step])).toEqual([
    ["message_shown", 0],
    ["step_changed", 1],
    ["step_changed", 2],
    ["message_completed", 2],
  ]);
  expect(errors).toEqual([]);
});

test("× on step 2 dismisses the tour, recorded at step 1", async ({ page }) => {
  const { id } = await tour("tour-dismiss");
  await page.goto(stack.page("plain", "tour-dismiss"));
  await page.getByRole("button", { name: "Next →" }).click();
  await dialog(page, "Projects").getByRole("button", { name: "Close" }).click();
  await expect(dialog(page, "Projects")).toBeHidden();
  await expect(dialog(page, "All set")).toBeHidden();
  await expect
    .poll(() => stack.stats(id))
    .toEqual({ impression: 1, dismiss: 1, cta_click: 0, complete: 0 });
  expect((await stack.stepStats(id)).find((s) => s.step === 1)?.counts.dismiss).toBe(1);
});

test("a CTA to another origin records cta_click and opens a new tab without opener", async ({
  page,
}) => {
  const target = `${stack.nudge.url}/healthz`;
  const { id } = await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/plain/cta-out" },
    steps: [
      { type: "modal", title: "Docs", body: "Read them.", ctaText: "Open docs", ctaUrl: target },
    ],
  });
  await page.goto(stack.page("plain", "cta-out"));
  const popup = page.waitForEvent("popup");
  await page.getByRole("link", { name: "Open docs" }).click();
  const tab = await popup;
  await tab.waitForLoadState();
  expect(tab.url()).toBe(target);
  expect(
    await tab.evaluate(() => (globalThis as unknown as { opener: unknown }).opener),
  ).toBeNull();
  await expect(dialog(page, "Docs")).toBeHidden();
  await expect
    .poll(() => stack.stats(id))
    .toEqual({ impression: 1, dismiss: 0, cta_click: 1, complete: 0 });
});

test("a same-origin CTA records cta_click and navigates in the same tab", async ({ page }) => {
  const { id } = await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/plain/cta-in/$" },
    steps: [
      {
        type: "slideout",
        title: "Pricing",
        body: "New plans.",
        ctaText: "See plans",
        ctaUrl: "/plain/cta-in/pricing",
      },
    ],
  });
  await page.goto(stack.page("plain", "cta-in"));
  await page.getByRole("link", { name: "See plans" }).click();
  await page.waitForURL(/\/plain\/cta-in\/pricing$/);
  await expect
    .poll(() => stack.stats(id))
    .toEqual({ impression: 1, dismiss: 0, cta_click: 1, complete: 0 });
});

test("cap ever: a completed tour does not come back after a reload, nor in a new session", async ({
  page,
  browser,
}) => {
  const { id } = await tour("cap-ever");
  const url = stack.page("plain", "cap-ever");
  await page.goto(url);
  await page.getByRole("button", { name: "Next →" }).click();
  await page.getByRole("button", { name: "Next →" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await page.waitForTimeout(1500);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await expect.poll(async () => (await stack.stats(id)).complete).toBe(1);
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await fresh.waitForTimeout(1500);
  await expect(fresh.getByRole("dialog")).toHaveCount(0);
  await other.close();
});

test("cap session: gone after a reload in the same tab, back in a new session", async ({
  page,
  browser,
}) => {
  const { id } = await tour("cap-session", { frequency: { cap: "session" } });
  const url = stack.page("plain", "cap-session");
  await page.goto(url);
  await dialog(page, "Welcome").getByRole("button", { name: "Close" }).click();
  await page.reload();
  await page.waitForTimeout(1500);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await expect.poll(async () => (await stack.stats(id)).dismiss).toBe(1);
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(dialog(fresh, "Welcome")).toBeVisible();
  await other.close();
});
