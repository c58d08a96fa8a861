import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { collectErrors, type Stack, startStack, type TestWindow } from "./support.js";

/**
 * The SDK must never break its host: hostile environments produce zero uncaught errors, the
 * host's own code keeps working, and no built-in prototype is touched.
 */
let stack: Stack;
let pageMessage: string;
const guards = join(import.meta.dirname, "fixtures/host-guards.js");

test.beforeAll(async () => {
  stack = await startStack();
  pageMessage = (
    await stack.createMessage({
      trigger: { type: "page", urlRegex: "^/(plain|twice|spa)/safe-" },
      frequency: { cap: "none" },
      appearance: { position: "bottom" },
      steps: [{ type: "banner", title: "Hello host", body: "Still working." }],
    })
  ).id;
});
test.afterAll(async () => stack?.stop());

/** The host's own button still works, the message showed, and nothing leaked. */
async function hostIsFine(page: Page, errors: string[]) {
  await expect(page.getByRole("dialog", { name: "Hello host" })).toBeVisible();
  await page.locator("#host-action").click();
  await expect(page.locator("#host-output")).toHaveText("clicked 1");
  expect(
    await page.evaluate(() => (globalThis as unknown as TestWindow).__prototypesChanged()),
  ).toEqual([]);
  expect(errors).toEqual([]);
}

test("localStorage and sessionStorage that throw: the SDK still renders and reports", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript({ path: guards });
  await page.addInitScript(() => {
    for (const name of ["localStorage", "sessionStorage"]) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          throw new Error(`${name} is disabled`);
        },
      });
    }
  });
  await page.goto(stack.page("plain", "safe-storage"));
  await hostIsFine(page, errors);
  await expect.poll(async () => (await stack.stats(pageMessage)).impression).toBeGreaterThan(0);
  expect(
    await page.evaluate(() => (globalThis as unknown as TestWindow).__nudgeTest.errors),
  ).toEqual([]);
});

test("the SDK included twice: one instance (the first), one host element, one message", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript({ path: guards });
  await page.goto(stack.page("twice", "safe-twice"));
  await hostIsFine(page, errors);
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as TestWindow).nudge ===
        (globalThis as unknown as TestWindow).__firstNudge,
    ),
  ).toBe(true);
  expect(
    await page.evaluate(
      () => (globalThis as unknown as TestWindow).document.querySelectorAll("nudge-root").length,
    ),
  ).toBe(1);
  await expect(page.getByRole("dialog")).toHaveCount(1);
  expect(
    (await page.evaluate(() => (globalThis as unknown as TestWindow).__nudgeTest.hooks)).map(
      ([name]) => name,
    ),
  ).toEqual(["message_shown"]);
});

test("the host wraps window.fetch: its wrapper sees our requests and keeps working", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript({ path: guards });
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      fetch: (...a: unknown[]) => Promise<unknown>;
      __host: Record<string, number>;
    };
    const original = g.fetch;
    g.__host = { fetches: 0 };
    g.fetch = function (this: unknown, ...args: unknown[]) {
      g.__host.fetches! += 1;
      return original.apply(this, args);
    };
  });
  await page.goto(stack.page("plain", "safe-fetch"));
  await hostIsFine(page, errors);
  expect(
    await page.evaluate(() => (globalThis as unknown as TestWindow).__host.fetches),
  ).toBeGreaterThan(0);
});

test("fetch, sendBeacon and attachShadow missing: nothing renders, nothing breaks", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    const g = globalThis as unknown as Record<string, unknown> & {
      navigator: Record<string, unknown>;
      Element: { prototype: Record<string, unknown> };
    };
    delete g.fetch;
    g.navigator.sendBeacon = undefined;
    g.Element.prototype.attachShadow = undefined;
  });
  await page.goto(stack.page("plain", "safe-missing"));
  await page.waitForTimeout(1000);
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.track("still_fine"));
  await page.locator("#host-action").click();
  await expect(page.locator("#host-output")).toHaveText("clicked 1");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the host wraps history.pushState before and after us: both chains work, destroy() unwinds", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript({ path: guards });
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      history: { pushState: (...a: unknown[]) => void };
      __host: Record<string, number>;
      __originalPush: unknown;
    };
    g.__host = { before: 0, after: 0 };
    const original = g.history.pushState;
    g.__originalPush = original;
    g.history.pushState = function (this: unknown, ...args: unknown[]) {
      g.__host.before! += 1;
      return original.apply(this, args);
    };
  });
  const events: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/v1/events")) {
      for (const e of (
        JSON.parse(request.postData() ?? "{}") as {
          batch?: { event: string; properties?: { path?: string } }[];
        }
      ).batch ?? []) {
        if (e.event === "$pageview") events.push(e.properties?.path ?? "");
      }
    }
  });
  await page.goto(stack.page("spa", "safe-history"));
  await expect(page.getByRole("dialog", { name: "Hello host" })).toBeVisible();
  // A second wrapper installed after the SDK, as analytics tools loaded later do.
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      history: { pushState: (...a: unknown[]) => void };
      __host: Record<string, number>;
    };
    const current = g.history.pushState;
    g.history.pushState = function (this: unknown, ...args: unknown[]) {
      g.__host.after! += 1;
      return current.apply(this, args);
    };
  });
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Route: app/settings" })).toBeVisible();
  await page.getByRole("link", { name: "Pricing" }).click();
  expect(await page.evaluate(() => (globalThis as unknown as TestWindow).__host)).toMatchObject({
    before: 2,
    after: 2,
  });
  await expect.poll(() => events.filter((p) => p.endsWith("/pricing")).length).toBe(1);
  expect(events.filter((p) => p.endsWith("/app/settings"))).toHaveLength(1);

  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.destroy());
  expect(
    await page.evaluate(
      () => (globalThis as unknown as TestWindow).document.querySelectorAll("nudge-root").length,
    ),
  ).toBe(0);
  const seen = events.length;
  await page.getByRole("link", { name: "App" }).click();
  await page.goBack();
  await page.locator("#host-action").click();
  await page.waitForTimeout(1500);
  expect(events.length).toBe(seen);
  expect(await page.evaluate(() => (globalThis as unknown as TestWindow).__host)).toMatchObject({
    before: 3,
    after: 3,
  });
  await expect(page.locator("#host-output")).toHaveText("clicked 1");
  expect(
    await page.evaluate(() => (globalThis as unknown as TestWindow).__prototypesChanged()),
  ).toEqual([]);
  expect(errors).toEqual([]);
});

test("destroy() restores history.pushState when ours is the outermost wrapper", async ({
  page,
}) => {
  await page.addInitScript(() => {
    const g = globalThis as unknown as { history: { pushState: unknown }; __originalPush: unknown };
    g.__originalPush = g.history.pushState;
  });
  await page.goto(stack.page("plain", "safe-destroy"));
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as TestWindow).history.pushState ===
        (globalThis as unknown as { __originalPush: unknown }).__originalPush,
    ),
  ).toBe(false);
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.destroy());
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as TestWindow).history.pushState ===
        (globalThis as unknown as { __originalPush: unknown }).__originalPush,
    ),
  ).toBe(true);
});
