import { expect, test } from "@playwright/test";
import { callNudge, collectErrors, hooks, manual, type Stack, startStack } from "./support.js";

/** The public API around rendering: the loader snippet, theming, preview. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

test("calls queued by the loader snippet before the SDK loads are replayed in order", async ({
  page,
}) => {
  const errors = collectErrors(page);
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Queued", body: "Hi" }]),
  );
  const tracked: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/v1/events")) tracked.push(request.postData() ?? "");
  });
  await page.goto(stack.page("snippet", "snippet", { query: { open: id } }));
  await expect(page.getByRole("dialog", { name: "Queued" })).toBeVisible();
  expect((await hooks(page)).map(([name]) => name)).toEqual(["message_shown"]);
  await expect.poll(() => tracked.join()).toContain("queued_before_load");
  expect(errors).toEqual([]);
});

test("hosts theme messages with --nudge-* properties and ::part(); authors override colours", async ({
  page,
}) => {
  const plain = await stack.createMessage(
    manual([{ type: "modal", title: "Themed", body: "Hi", ctaText: "Go", ctaUrl: "/go" }]),
  );
  const coloured = await stack.createMessage(
    manual([{ type: "slideout", title: "Coloured", body: "Hi" }], {
      appearance: { backgroundColor: "#102030", textColor: "#fafafa" },
    }),
  );
  await page.goto(stack.page("plain", "theme"));
  await page.addStyleTag({
    content:
      "nudge-root { --nudge-accent: rgb(0, 128, 0); --nudge-radius: 3px }" +
      " nudge-root::part(title) { text-transform: uppercase }",
  });
  await callNudge(page, "show", plain.id);
  const dialog = page.getByRole("dialog", { name: "Themed" });
  await expect(dialog.getByRole("link", { name: "Go" })).toHaveCSS(
    "background-color",
    "rgb(0, 128, 0)",
  );
  await expect(dialog).toHaveCSS("border-top-left-radius", "3px");
  await expect(dialog.getByRole("heading")).toHaveCSS("text-transform", "uppercase");
  await dialog.getByRole("button", { name: "Close" }).click();

  await callNudge(page, "show", coloured.id);
  const slideout = page.getByRole("dialog", { name: "Coloured" });
  await expect(slideout).toHaveCSS("background-color", "rgb(16, 32, 48)");
  await expect(slideout).toHaveCSS("color", "rgb(250, 250, 250)");
});

test("theme auto follows prefers-color-scheme; reduced motion turns the animation off", async ({
  page,
}) => {
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Auto", body: "Hi" }], { appearance: { theme: "auto" } }),
  );
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  await page.goto(stack.page("plain", "auto-theme"));
  await callNudge(page, "show", id);
  const dialog = page.getByRole("dialog", { name: "Auto" });
  await expect(dialog).toHaveCSS("background-color", "rgb(31, 41, 55)");
  await expect(dialog).toHaveCSS("animation-name", "none");
  await page.emulateMedia({ colorScheme: "light", reducedMotion: "no-preference" });
  await expect(dialog).toHaveCSS("background-color", "rgb(255, 255, 255)");
  await expect(dialog).toHaveCSS("animation-name", "nudge-in");
});

test("preview renders a message as on a site and records nothing", async ({ page }) => {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/v1/")) sent.push(request.postData() ?? "");
  });
  await page.goto(stack.page("plain", "preview"));
  await page.waitForTimeout(1200);
  const before = sent.length;
  await callNudge(page, "preview", {
    id: "msg_preview",
    name: "Preview",
    trigger: { type: "manual" },
    steps: [
      { type: "modal", title: "Preview step 1", body: "One" },
      { type: "banner", title: "Preview step 2", body: "Two" },
    ],
  });
  await page
    .getByRole("dialog", { name: "Preview step 1" })
    .getByRole("button", { name: "Next →" })
    .click();
  await page
    .getByRole("dialog", { name: "Preview step 2" })
    .getByRole("button", { name: "Done" })
    .click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.waitForTimeout(1500);
  expect(sent.slice(before).join()).not.toContain("message_");
});
