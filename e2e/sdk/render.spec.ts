import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import {
  collectErrors,
  manual,
  type Stack,
  screenshots,
  startStack,
  type TestWindow,
} from "./support.js";

/**
 * Every renderer on every kind of host page: it renders, is on screen and on top (Playwright
 * only clicks what would really receive the click), and its buttons work.
 */
let stack: Stack;
const ids: Record<string, string> = {};
const steps = {
  modal: {
    type: "modal",
    title: "Welcome aboard",
    body: "Line one.\nLine two.",
    ctaText: "Read the guide",
    ctaUrl: "https://example.com/guide",
  },
  banner: { type: "banner", title: "Scheduled maintenance", body: "Saturday 02:00–03:00 UTC." },
  slideout: {
    type: "slideout",
    title: "New: reports",
    body: "Weekly reports are here.",
    ctaText: "See reports",
    ctaUrl: "/reports",
  },
  tooltip: {
    type: "tooltip",
    selector: "#new-project",
    title: "Start here",
    body: "Create your first project.",
  },
} as const;
type StepType = keyof typeof steps;

test.beforeAll(async () => {
  stack = await startStack();
  for (const [type, step] of Object.entries(steps)) {
    const appearance = type === "banner" ? { position: "bottom", theme: "dark" } : {};
    ids[type] = (await stack.createMessage(manual([step], { appearance }))).id;
  }
});
test.afterAll(async () => stack?.stop());

const fixtures = [
  { name: "plain", fixture: "plain", rest: "" },
  { name: "spa", fixture: "spa", rest: "app" },
  { name: "hostile", fixture: "hostile", rest: "" },
  { name: "strict-csp", fixture: "strict", rest: "" },
  { name: "phone-360", fixture: "plain", rest: "", viewport: { width: 360, height: 740 } },
];

async function ready(page: Page) {
  await page.waitForFunction(() => Boolean((globalThis as unknown as TestWindow).__nudgeTest));
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.messages.fetchActive());
}

for (const f of fixtures) {
  test.describe(`${f.name} host page`, () => {
    if (f.viewport) test.use({ viewport: f.viewport });

    for (const type of Object.keys(steps) as StepType[]) {
      test(`renders a ${type}, visible, on top and usable`, async ({ page }) => {
        const errors = collectErrors(page);
        await page.goto(stack.page(f.fixture, `r-${f.name}-${type}`, { rest: f.rest }));
        await ready(page);
        await page.evaluate(
          (id) => (globalThis as unknown as TestWindow).nudge.show(id),
          ids[type]!,
        );
        const dialog = page.getByRole("dialog", { name: steps[type].title });
        await expect(dialog).toBeVisible();
        await page.waitForTimeout(300); // the 0.2 s entrance animation moves it by up to 8 px

        const box = (await dialog.boundingBox())!;
        const viewport = page.viewportSize()!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
        if (type === "banner") expect(box.y + box.height).toBeCloseTo(viewport.height, 0);
        if (type === "tooltip") {
          const anchor = (await page.locator("#new-project").boundingBox())!;
          expect(
            Math.abs(box.y - (anchor.y + anchor.height)) <= 12 || box.y + box.height <= anchor.y,
          ).toBe(true);
        }
        await expect(dialog.getByText(steps[type].body.split("\n")[0]!)).toBeVisible();
        await page.screenshot({ path: join(screenshots, `${f.name}-${type}.png`) });

        // Usable: the × is clickable (nothing on the host page covers it) and closes the message.
        await dialog.getByRole("button", { name: "Close" }).click();
        await expect(dialog).toBeHidden();
        // The host page is unharmed and usable again.
        if (type !== "tooltip")
          await page.locator("#host-action").click({ trial: f.name === "hostile" });
        expect(
          await page.evaluate(() => (globalThis as unknown as TestWindow).__nudgeTest.errors),
        ).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  });
}
