import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { manual, type Stack, startStack, type TestWindow } from "./support.js";

/** Keyboard use and axe-core, per renderer. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

test("a modal takes focus, keeps Tab inside, makes the page inert, and Escape gives focus back", async ({
  page,
}) => {
  const { id } = await stack.createMessage(
    manual([
      {
        type: "modal",
        title: "Keyboard",
        body: "Tab around.",
        ctaText: "Learn more",
        ctaUrl: "/learn",
      },
    ]),
  );
  await page.goto(stack.page("plain", "keyboard", { query: { open: id } }));
  await page.waitForFunction(() => Boolean((globalThis as unknown as TestWindow).__nudgeTest));
  await page.locator("#open-manual").focus();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Keyboard" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await expect(page.locator("main")).toHaveAttribute("inert", "");
  const close = dialog.getByRole("button", { name: "Close" });
  const cta = dialog.getByRole("link", { name: "Learn more" });
  const forward = [close, cta, close, cta, close];
  for (const expected of forward) {
    await page.keyboard.press("Tab");
    await expect(expected).toBeFocused();
  }
  for (const expected of [cta, close, cta]) {
    await page.keyboard.press("Shift+Tab");
    await expect(expected).toBeFocused();
  }

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.locator("#open-manual")).toBeFocused();
  await expect(page.locator("main")).not.toHaveAttribute("inert", "");
  await expect.poll(async () => (await stack.stats(id)).dismiss).toBe(1);
});

test("a step that is not dismissible has no × and ignores Escape", async ({ page }) => {
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Required", body: "Please read.", dismissible: false }]),
  );
  await page.goto(stack.page("plain", "no-dismiss"));
  await page.evaluate((m) => (globalThis as unknown as TestWindow).nudge.show(m), id);
  const dialog = page.getByRole("dialog", { name: "Required" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
});

const renderers = [
  { type: "modal", theme: "light" },
  { type: "modal", theme: "dark" },
  { type: "banner", theme: "light" },
  { type: "slideout", theme: "dark" },
  { type: "tooltip", theme: "light" },
] as const;

for (const { type, theme } of renderers) {
  test(`axe-core: no serious or critical violations in a ${theme} ${type}`, async ({ page }) => {
    const { id } = await stack.createMessage(
      manual(
        [
          {
            type,
            title: `A ${type}`,
            body: "Body text\nsecond paragraph",
            ctaText: "Go",
            ctaUrl: "https://example.com",
            ...(type === "tooltip" ? { selector: "#new-project" } : {}),
          },
          { type: "banner", body: "Next step" },
        ],
        { appearance: { theme, position: "bottom" } },
      ),
    );
    await page.goto(stack.page("plain", `axe-${type}-${theme}`));
    await page.evaluate((m) => (globalThis as unknown as TestWindow).nudge.show(m), id);
    await expect(page.getByRole("dialog", { name: `A ${type}` })).toBeVisible();
    await page.waitForTimeout(300); // the entrance animation, so contrast is measured at rest
    const results = await new AxeBuilder({ page }).include("nudge-root").analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
    expect(results.passes.length).toBeGreaterThan(5);
  });
}
