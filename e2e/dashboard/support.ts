import { AxeBuilder } from "@axe-core/playwright";
import { type BrowserContext, expect, type Page } from "@playwright/test";

export const owner = { email: "owner@example.com", password: "correct horse battery" };

/** Logs a browser context in: the session cookie lands in the context's cookie jar. */
export async function login(context: BrowserContext, url: string, email: string, password: string) {
  const res = await context.request.post(`${url}/api/v1/auth/login`, { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  await rememberInstall(context);
}

/** The welcome page then opens on "Sign in", as it does in any browser that has seen this server. */
export async function rememberInstall(context: BrowserContext) {
  await context.addInitScript({ content: 'localStorage.setItem("nudge.installKnown", "1");' });
}

/** Server-to-server calls with a secret key, for seeding and for checking what the UI did. */
export function adminApi(url: string, secretKey: string, productId: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1/products/${productId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${secretKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    createMessage: async (name: string, extra: Record<string, unknown> = {}) => {
      const res = await call("POST", "/messages", {
        name,
        trigger: { type: "page" },
        steps: [{ type: "modal", title: name, body: `Body of ${name}` }],
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; version: number; name: string };
    },
    getMessage: (id: string) => call("GET", `/messages/${id}`),
    stats: async (id: string) =>
      (await call("GET", `/messages/${id}/stats`)).body as {
        counts: { impression: number; dismiss: number; cta_click: number; complete: number };
      },
  };
}

/** Saves a 1280×800 screenshot under test-results/screenshots/ (kept as a CI artefact). */
export async function screenshot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.mouse.move(0, 0);
  await page.evaluate("window.scrollTo(0, 0)");
  // Let Mantine transitions and charts settle so the picture is what a user sees.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** axe-core: fails on any serious or critical violation, listing what and where. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join("\n  ")}`,
  );
  expect(report, report.join("\n")).toEqual([]);
}
