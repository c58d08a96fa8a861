import { expect, type Page, test } from "@playwright/test";
import { manual, type Stack, startStack, type TestWindow } from "./support.js";

/** Events made while the server cannot be reached arrive exactly once when it can again. */
let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.stop());

async function showAndComplete(page: Page, id: string) {
  await page.evaluate((m) => (globalThis as unknown as TestWindow).nudge.show(m), id);
  const dialog = page.getByRole("dialog", { name: "Offline" });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
}

const queued = (page: Page) =>
  page.evaluate(() => {
    const storage = (
      globalThis as unknown as {
        localStorage: {
          length: number;
          key(i: number): string | null;
          getItem(k: string): string | null;
        };
      }
    ).localStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? "";
      if (key.startsWith("nudge_") && key.endsWith("_q")) {
        return (JSON.parse(storage.getItem(key) ?? "{}") as { e: unknown[] }).e.length;
      }
    }
    return -1;
  });

test("offline in the page: queued, retried, delivered once when the network is back", async ({
  page,
  context,
}) => {
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Offline", body: "Made without a network." }]),
  );
  await page.goto(stack.page("plain", "offline", { query: { autocapture: "0" } }));
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.messages.fetchActive());

  await context.setOffline(true);
  await showAndComplete(page, id);
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.track("made_offline"));
  await page.waitForTimeout(2500);
  expect(await stack.stats(id)).toEqual({ impression: 0, dismiss: 0, cta_click: 0, complete: 0 });
  expect(await queued(page)).toBe(3);

  await context.setOffline(false);
  await expect
    .poll(() => stack.stats(id), { timeout: 20_000 })
    .toEqual({ impression: 1, dismiss: 0, cta_click: 0, complete: 1 });
  await expect.poll(() => queued(page)).toBe(0);
  await page.waitForTimeout(2000);
  expect(await stack.stats(id)).toEqual({ impression: 1, dismiss: 0, cta_click: 0, complete: 1 });
});

test("server unreachable: the queue survives a reload in localStorage and is sent once", async ({
  page,
}) => {
  const { id } = await stack.createMessage(
    manual([{ type: "modal", title: "Offline", body: "Made while the server was down." }]),
  );
  const url = stack.page("plain", "server-down");
  await page.goto(url);
  await page.evaluate(() => (globalThis as unknown as TestWindow).nudge.messages.fetchActive());
  await page.route("**/api/v1/events**", (route) => route.abort("connectionrefused"));
  await showAndComplete(page, id);
  await page.waitForTimeout(1500);
  expect(await queued(page)).toBeGreaterThanOrEqual(2);
  await page.reload();
  await page.waitForTimeout(1500);
  expect(await stack.stats(id)).toEqual({ impression: 0, dismiss: 0, cta_click: 0, complete: 0 });

  await page.unrouteAll();
  await page.reload();
  await expect
    .poll(() => stack.stats(id), { timeout: 20_000 })
    .toEqual({ impression: 1, dismiss: 0, cta_click: 0, complete: 1 });
  await page.waitForTimeout(2000);
  expect(await stack.stats(id)).toEqual({ impression: 1, dismiss: 0, cta_click: 0, complete: 1 });
});
