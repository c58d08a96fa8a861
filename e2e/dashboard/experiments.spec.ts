import { assignArm, bucketOf } from "@nudge/rules";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import {
  adminApi,
  expectNoSeriousA11yViolations,
  login,
  owner,
  rememberInstall,
  screenshot,
} from "./support.js";

/**
 * Issue 6 in the dashboard: create a variant in the editor, both arms active, two users whose
 * buckets are known see their own arm on /demo, and the experiment page shows their impressions;
 * then "Apply winner", and what a viewer may not do.
 */
test.describe.configure({ mode: "serial" });

let server: RunningServer;
let tenant: Awaited<ReturnType<typeof setupTenant>>;
let api: ReturnType<typeof adminApi>;
let context: BrowserContext;
let page: Page;
const state = { controlId: "", treatmentId: "", experimentId: "" };
const titles = { control: "Control headline", treatment: "Treatment headline" } as const;
const viewer = { email: "viewer@example.com", password: "viewer passphrase" };

interface Results {
  arms: { key: string; messageId: string; exposures: number; conversions: number }[];
}

test.beforeAll(async ({ browser }) => {
  server = await startServer();
  tenant = await setupTenant(server.url);
  api = adminApi(server.url, tenant.secretKey, tenant.productId);
  const autoRender = await api.call("PATCH", "", { autoRender: true });
  expect(autoRender.status, JSON.stringify(autoRender.body)).toBe(200);
  state.controlId = (
    await api.createMessage("Spring promo", {
      status: "active",
      trigger: { type: "page", urlRegex: "^/demo" },
      steps: [{ type: "modal", title: titles.control, body: "The copy we have today." }],
    })
  ).id;
  context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  await login(context, server.url, owner.email, owner.password);
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
});

const results = async () =>
  (await api.call("GET", `/experiments/${state.experimentId}/results`)).body as Results;

test("create variant in the editor, make the treatment different and set it active", async () => {
  await page.goto(`/messages/${state.controlId}`);
  await expect(page.getByLabel("Name")).toHaveValue("Spring promo");
  await page.getByRole("button", { name: "More message actions" }).click();
  await page.getByRole("menuitem", { name: "Create A/B variant" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an A/B variant" });
  await expect(dialog).toContainText("this message stays as the control");
  await dialog.getByRole("button", { name: "Create variant" }).click();

  // The treatment's editor opens: a draft copy, already an arm of the test.
  await expect(page).not.toHaveURL(new RegExp(`/messages/${state.controlId}$`));
  await expect(page).toHaveURL(/\/messages\/msg_[A-Za-z0-9]+$/);
  state.treatmentId = new URL(page.url()).pathname.split("/")[2]!;
  await expect(page.getByLabel("Name")).toHaveValue("Spring promo (treatment)");
  await expect(page.getByLabel("Title")).toHaveValue(titles.control);
  const badge = page.getByRole("link", { name: "A/B test" });
  await expect(badge).toBeVisible();

  await page.getByLabel("Title").fill(titles.treatment);
  await page
    .getByRole("radiogroup", { name: "Status" })
    .getByText("Active", { exact: true })
    .click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved “Spring promo (treatment)”")).toBeVisible();

  const treatment = (await api.getMessage(state.treatmentId)).body;
  expect(treatment).toMatchObject({ status: "active", variantKey: "treatment" });
  expect(treatment.steps[0].title).toBe(titles.treatment);
  const control = (await api.getMessage(state.controlId)).body;
  expect(control).toMatchObject({
    status: "active",
    variantKey: "control",
    experimentId: treatment.experimentId,
  });
  expect(control.steps[0].title).toBe(titles.control);

  // The badge opens the experiment.
  await badge.click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${treatment.experimentId}$`));
  state.experimentId = treatment.experimentId;
});

test("the experiment page lists both arms, active, and edits weights before anyone is exposed", async () => {
  await expect(page.getByRole("heading", { name: /Spring promo · A\/B test/ })).toBeVisible();
  const controlRow = page.getByTestId("arm-row-control");
  const treatmentRow = page.getByTestId("arm-row-treatment");
  await expect(controlRow.getByRole("link", { name: "Spring promo", exact: true })).toBeVisible();
  await expect(controlRow).toContainText("Active");
  await expect(
    treatmentRow.getByRole("link", { name: "Spring promo (treatment)", exact: true }),
  ).toBeVisible();
  await expect(treatmentRow).toContainText("Active");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "keep_running");

  // No one has seen it yet, so the split may still change (version-checked on the server).
  await page.getByLabel("Weight of control").fill("60");
  await page.getByLabel("Weight of treatment").fill("40");
  await expect(controlRow.getByTestId("arm-share")).toHaveText("60%");

  // A teammate saves a guardrail meanwhile: this save is refused, and nothing typed is lost.
  const before = (await api.call("GET", `/experiments/${state.experimentId}`)).body;
  const elsewhere = await api.call("PATCH", `/experiments/${state.experimentId}`, {
    version: before.version,
    guardrail: { maxDismissRateIncrease: 0.05 },
  });
  expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
  await page.getByRole("button", { name: "Save weights" }).click();
  const conflict = page.getByRole("dialog", { name: "Someone else saved this experiment" });
  await expect(conflict).toBeVisible();
  const unchanged = (await api.call("GET", `/experiments/${state.experimentId}`)).body;
  expect(unchanged.arms.map((a: { weight: number }) => a.weight)).toEqual([50, 50]);
  await conflict.getByRole("button", { name: "Keep my edits" }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel("Weight of control")).toHaveValue("60");
  // The goal form was not touched here, so it shows the teammate's guardrail.
  await expect(page.getByRole("switch", { name: "Dismiss-rate guardrail" })).toBeChecked();
  await expect(page.getByLabel("Largest allowed increase in dismiss rate")).toHaveValue("5 pp");

  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByText("Weights saved")).toBeVisible();
  const experiment = (await api.call("GET", `/experiments/${state.experimentId}`)).body;
  expect(experiment.arms).toEqual([
    { key: "control", messageId: state.controlId, weight: 60 },
    { key: "treatment", messageId: state.treatmentId, weight: 40 },
  ]);
  expect(experiment.guardrail).toEqual({ maxDismissRateIncrease: 0.05 });
  expect(experiment.version).toBe(3);
  await screenshot(page, "experiment-before-exposure");
});

test("two users with known buckets see their own arm on /demo", async ({ browser }) => {
  const experiment = (await api.call("GET", `/experiments/${state.experimentId}`)).body as {
    flagKey: string;
    arms: { key: string; weight: number }[];
  };
  // The shared bucketing (the server and the SDK run the same function) decides who gets what.
  const users: Partial<Record<"control" | "treatment", string>> = {};
  for (let i = 0; !(users.control && users.treatment); i++) {
    expect(i, "no user found for each arm in 1000 ids").toBeLessThan(1000);
    const id = `visitor-${i}`;
    const arm = assignArm(experiment.arms, bucketOf(experiment.flagKey, id));
    if ((arm === "control" || arm === "treatment") && !users[arm]) users[arm] = id;
  }

  for (const arm of ["control", "treatment"] as const) {
    const other = arm === "control" ? "treatment" : "control";
    const site = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const visitor = await site.newPage();
      const res = await visitor.goto(
        `${server.url}/demo?key=${encodeURIComponent(tenant.publishableKey)}&id=${users[arm]}`,
      );
      expect(res?.status()).toBe(200);
      await expect(visitor.locator("#user")).toHaveText(users[arm]!);
      await expect(visitor.getByRole("dialog", { name: titles[arm] })).toBeVisible({
        timeout: 15_000,
      });
      await expect(visitor.getByText(titles[other])).toHaveCount(0);
      await screenshot(visitor, `demo-arm-${arm}`);
      // The impression reaches the server while the page is still open.
      await expect
        .poll(async () => (await results()).arms.find((a) => a.key === arm)?.exposures, {
          timeout: 20_000,
        })
        .toBe(1);
    } finally {
      await site.close();
    }
  }
  expect(
    (await results()).arms.map(({ key, exposures, conversions }) => ({
      key,
      exposures,
      conversions,
    })),
  ).toEqual([
    { key: "control", exposures: 1, conversions: 0 },
    { key: "treatment", exposures: 1, conversions: 0 },
  ]);
});

test("results page shows each arm's impression, the verdict and the posterior chart", async () => {
  await page.goto(`/experiments/${state.experimentId}`);
  const control = page.getByTestId("result-row-control");
  const treatment = page.getByTestId("result-row-treatment");
  await expect(control.getByTestId("exposures")).toHaveText("1");
  await expect(treatment.getByTestId("exposures")).toHaveText("1");
  await expect(control.getByTestId("conversions")).toHaveText("0");
  await expect(treatment.getByTestId("conversions")).toHaveText("0");
  await expect(control.getByTestId("prob-beat-control")).toHaveText("—");
  await expect(treatment.getByTestId("prob-beat-control")).toHaveText(/^\d+(\.\d)?%$/);
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "keep_running");
  await expect(verdict).toContainText("at least 100 exposures");
  await expect(page.getByText("How the verdict is decided")).toBeVisible();
  await expect(page.getByTestId("srm-warning")).toHaveCount(0);
  await expect(page.getByTestId("posterior-chart").locator(".recharts-surface")).toBeVisible();
  // Exposed users fix the split: no weight inputs any more.
  await expect(page.getByLabel("Weight of control")).toHaveCount(0);
  await expect(page.getByTestId("arm-row-control").getByTestId("arm-share")).toHaveText("60%");
  await screenshot(page, "experiment-results");
  await page.screenshot({
    path: "test-results/screenshots/experiment-results-full-page.png",
    fullPage: true,
  });
  await expectNoSeriousA11yViolations(page);
});

test("apply winner asks first, then shows who won, when and by whom; the loser is paused", async () => {
  await page.getByRole("button", { name: "Apply winner" }).click();
  await page.getByRole("menuitem", { name: /^treatment/ }).click();
  const dialog = page.getByRole("dialog", { name: "Apply “treatment” as the winner?" });
  await expect(dialog).toContainText("The other arms are paused");
  await screenshot(page, "experiment-apply-winner");
  await dialog.getByRole("button", { name: "Apply winner" }).click();
  await expect(dialog).toBeHidden();

  const summary = page.getByTestId("winner-summary");
  await expect(summary).toContainText("Winner applied: “treatment” (Spring promo (treatment))");
  await expect(summary).toContainText(`by you (${owner.email})`);
  await expect(summary).toContainText(String(new Date().getFullYear()));
  await expect(page.getByTestId("arm-row-control")).toContainText("Paused");
  await expect(page.getByTestId("arm-row-treatment")).toContainText("Active");
  await expect(page.getByTestId("arm-row-treatment").getByTestId("arm-share")).toHaveText("100%");
  await expect(page.getByTestId("arm-row-control")).toContainText("tested at 60%");
  await expect(page.getByText("Winner applied", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply winner" })).toHaveCount(0);
  // The results stay readable after the test ends.
  await expect(page.getByTestId("result-row-control").getByTestId("exposures")).toHaveText("1");
  await screenshot(page, "experiment-applied");
  await expectNoSeriousA11yViolations(page);

  const experiment = (await api.call("GET", `/experiments/${state.experimentId}`)).body;
  expect(experiment).toMatchObject({ status: "applied", winnerKey: "treatment" });
  expect((await api.getMessage(state.controlId)).body.status).toBe("paused");
  expect((await api.getMessage(state.treatmentId)).body.status).toBe("active");
});

test("a viewer reads the experiment but gets no write controls", async ({ browser }) => {
  const added = await context.request.post(
    `/api/v1/organizations/${tenant.organizationId}/members`,
    { data: { ...viewer, role: "viewer" }, headers: { origin: server.url } },
  );
  expect(added.status(), await added.text()).toBe(201);
  const viewerContext = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  try {
    await login(viewerContext, server.url, viewer.email, viewer.password);
    await rememberInstall(viewerContext);
    const viewerPage = await viewerContext.newPage();
    await viewerPage.goto(`/experiments/${state.experimentId}`);
    await expect(viewerPage.getByTestId("winner-summary")).toContainText(owner.email);
    await expect(viewerPage.getByTestId("experiment-goal")).toHaveText(
      "Clicked the call-to-action button",
    );
    await expect(
      viewerPage.getByTestId("result-row-treatment").getByTestId("exposures"),
    ).toHaveText("1");
    await expect(viewerPage.getByRole("button", { name: "Save goal" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Save weights" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Apply winner" })).toHaveCount(0);

    await viewerPage.goto(`/messages/${state.controlId}`);
    await expect(viewerPage.getByRole("link", { name: "A/B test" })).toBeVisible();
    await viewerPage.getByRole("button", { name: "More message actions" }).click();
    await expect(viewerPage.getByRole("menuitem", { name: "A/B test results" })).toBeVisible();
    await expect(viewerPage.getByRole("menuitem", { name: "Create A/B variant" })).toHaveCount(0);
  } finally {
    await viewerContext.close();
  }
});
