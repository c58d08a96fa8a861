import { assignArm, bucketOf } from "@nudge/rules";
import { expect, type Page, test } from "@playwright/test";
import { callNudge, collectErrors, manual, type Stack, startStack } from "./support.js";

/** Triggers as a host page produces them: SPA routes, autocapture, milestones, experiments. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

const banner = (title: string) => [{ type: "banner", title, body: "Triggered." }];

/** What the SDK sent to /api/v1/events, as the server received it. */
function sentEvents(page: Page) {
  const events: { event: string; properties?: Record<string, unknown> }[] = [];
  page.on("request", (request) => {
    if (!request.url().includes("/api/v1/events")) return;
    const body = JSON.parse(request.postData() ?? "{}") as { batch?: typeof events };
    events.push(...(body.batch ?? []));
  });
  return events;
}

test("page triggers fire on SPA route changes (pushState) and back/forward (popstate)", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/spa/route/pricing$" },
    frequency: { cap: "none" },
    steps: banner("Pricing help"),
  });
  await page.goto(stack.page("spa", "route"));
  await page.waitForTimeout(800);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.getByRole("link", { name: "Pricing" }).click();
  await expect(page.getByRole("dialog", { name: "Pricing help" })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("link", { name: "App" }).click();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Route: pricing" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Pricing help" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a tooltip waits for an anchor the SPA renders later", async ({ page }) => {
  await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/spa/late-anchor/app$" },
    steps: [{ type: "tooltip", selector: "#new-project", title: "Late anchor", body: "Found it." }],
  });
  await page.goto(stack.page("spa", "late-anchor"));
  await page.getByRole("link", { name: "App" }).click();
  const tooltip = page.getByRole("dialog", { name: "Late anchor" });
  await expect(tooltip).toBeVisible();
  const anchor = (await page.locator("#new-project").boundingBox())!;
  const box = (await tooltip.boundingBox())!;
  expect(box.y).toBeGreaterThan(anchor.y + anchor.height);
});

test("delaySeconds: rendered after the wait, but not if the user left the page meanwhile", async ({
  page,
}) => {
  await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/spa/delay/pricing$", delaySeconds: 2 },
    frequency: { cap: "none" },
    steps: banner("Delayed"),
  });
  await page.goto(stack.page("spa", "delay"));
  await page.getByRole("link", { name: "Pricing" }).click();
  await page.getByRole("link", { name: "App" }).click();
  await page.waitForTimeout(3000);
  await expect(page.getByRole("dialog", { name: "Delayed" })).toHaveCount(0);

  await page.getByRole("link", { name: "Pricing" }).click();
  await page.waitForTimeout(1000);
  await expect(page.getByRole("dialog", { name: "Delayed" })).toHaveCount(0);
  await expect(page.getByRole("dialog", { name: "Delayed" })).toBeVisible();
});

test("autocapture: $click triggers a message; $form_submit never sends field values", async ({
  page,
}) => {
  const events = sentEvents(page);
  await stack.createMessage({
    trigger: { type: "event", event: "$click", urlRegex: "^/plain/autocapture/" },
    steps: banner("You clicked"),
  });
  await page.goto(stack.page("plain", "autocapture"));
  await page.locator("#host-action").click();
  await expect(page.getByRole("dialog", { name: "You clicked" })).toBeVisible();
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect.poll(() => events.some((e) => e.event === "$form_submit")).toBe(true);
  expect(events.find((e) => e.event === "$pageview")?.properties).toMatchObject({
    path: "/plain/autocapture/",
  });
  expect(events.find((e) => e.event === "$click")?.properties).toMatchObject({
    tag: "button",
    selector: "button#host-action",
    text: "Host action",
  });
  expect(JSON.stringify(events)).not.toContain("secret@example.com");
});

test("milestones: milestone() fires now, and the server remembers it on the next visit", async ({
  page,
}) => {
  await stack.createMessage({
    trigger: { type: "milestone", milestone: "e2e-onboarded", urlRegex: "^/plain/milestone/" },
    frequency: { cap: "none" },
    steps: banner("Well done"),
  });
  const url = stack.page("plain", "milestone");
  await page.goto(url);
  await page.waitForTimeout(500);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await callNudge(page, "milestone", "e2e-onboarded");
  await expect(page.getByRole("dialog", { name: "Well done" })).toBeVisible();

  // A new session: the list now says the milestone is reached, so any matching page shows it.
  const other = await page.context().browser()!.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(fresh.getByRole("dialog", { name: "Well done" })).toBeVisible();
  await other.close();
});

test("auto-render off: nothing renders by itself, but the headless API works", async ({ page }) => {
  const { id } = await stack.createMessage({
    trigger: { type: "page", urlRegex: "^/plain/headless/" },
    steps: banner("Headless"),
  });
  const product = `${stack.nudge.url}/api/v1/products/${stack.tenant.productId}`;
  const setAutoRender = (autoRender: boolean) =>
    fetch(product, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${stack.tenant.secretKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ autoRender }),
    });
  await setAutoRender(false);
  try {
    await page.goto(stack.page("plain", "headless"));
    const list = await callNudge<{ id: string }[]>(page, "messages.fetchActive");
    expect(list.map((m) => m.id)).toContain(id);
    await page.waitForTimeout(500);
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await callNudge(page, "show", id);
    await expect(page.getByRole("dialog", { name: "Headless" })).toBeVisible();
  } finally {
    await setAutoRender(true);
  }
});

test("A/B test: the SDK renders this user's arm and reports it", async ({ page }) => {
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Control", body: "A" }]),
  );
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.nudge.url}/api/v1/products/${stack.tenant.productId}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${stack.tenant.secretKey}`,
        "content-type": "application/json",
      },
    });
  const created = await api(`/messages/${id}/variants`, { method: "POST", body: "{}" });
  expect(created.status).toBe(201);
  const { experiment, treatment } = (await created.json()) as {
    experiment: { flagKey: string; arms: { key: string; weight: number }[] };
    treatment: { id: string; version: number };
  };
  const patched = await api(`/messages/${treatment.id}`, {
    method: "PATCH",
    body: JSON.stringify({
      version: treatment.version,
      status: "active",
      steps: [{ type: "modal", title: "Treatment", body: "B" }],
    }),
  });
  expect(patched.status).toBe(200);

  const user = "ab-user-1";
  const arm = assignArm(experiment.arms, bucketOf(experiment.flagKey, user));
  await page.goto(stack.page("plain", "ab", { id: user }));
  await callNudge(page, "messages.fetchActive");
  expect(await callNudge(page, "flags.getVariant", experiment.flagKey)).toBe(arm);
  await callNudge(page, "show", id);
  const title = arm === "treatment" ? "Treatment" : "Control";
  await page.getByRole("dialog", { name: title }).getByRole("button", { name: "Close" }).click();
  const shownId = arm === "treatment" ? treatment.id : id;
  await expect
    .poll(() => stack.stats(shownId))
    .toEqual({ impression: 1, dismiss: 1, cta_click: 0, complete: 0 });
});
