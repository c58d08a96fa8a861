import { expect, test } from "@playwright/test";
import { payloadsPerMessage } from "../../packages/content/test/support/xss-message.js";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";
import { xssPayloads as payloads, postJson, saveXssMessage } from "../support/xss-corpus.js";

/**
 * The XSS acceptance test of issue 7 in a real browser: every payload of the corpus saved
 * through the API in every field (as the server suite does), and every page the render endpoint
 * makes of them (default texts and a translation) written into Chromium WITHOUT its
 * Content-Security-Policy, so the sanitizer alone is tested, not the CSP, with `window.__xss`
 * defined first: every payload calls it if it runs. Every element then gets the events inline
 * handlers wait for. Zero calls, zero handlers, zero unsafe URL schemes.
 */

/** Messages whose pages are written into one document (heads into its head, bodies into its body). */
const messagesPerDocument = 4;
const user = "xss-user";

let server: RunningServer;
let keys: Awaited<ReturnType<typeof setupTenant>>;

/** The page side, typed by hand: the root tsconfig has no DOM library. */
interface PageWindow {
  __xssCalls: string[];
  Event: new (type: string) => unknown;
  document: { querySelectorAll(selector: string): ArrayLike<PageElement> };
}
interface PageElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  dispatchEvent(event: unknown): boolean;
}

/** Defines `window.__xss()`, which records a call. */
const hook =
  '<script id="xss-hook">window.__xssCalls=[];window.__xss=function(){window.__xssCalls.push(String(location.href))}</script>';

function post(path: string, body: unknown, key = keys.secretKey) {
  return postJson(server.url, path, body, key);
}

/** Saves one message of ten payloads (see saveXssMessage). */
const save = (batch: string[], first: number) => saveXssMessage(server.url, keys, batch, first);

/** The render endpoint's pages of one saved message, through a token for the test user. */
async function pagesOf(id: string): Promise<string[]> {
  const minted = await post(
    `/api/v1/messages/${id}/render-token`,
    { distinctId: user },
    keys.publishableKey,
  );
  const { url } = (await minted.json()) as { url: string };
  return Promise.all(
    [url, `${url}&locale=fr`].map(async (target) => {
      const res = await fetch(`${server.url}${target}`);
      expect(res.status).toBe(200);
      return res.text();
    }),
  );
}

const part = (html: string, tag: "head" | "body") =>
  new RegExp(`<${tag}>([\\s\\S]*)</${tag}>`).exec(html)?.[1] ?? "";

test.beforeAll(async () => {
  server = await startServer();
  keys = await setupTenant(server.url);
  const entries = payloads.map((p, i) => [`p${i}`, p] as const);
  for (let start = 0; start < entries.length; start += 100) {
    const traits = Object.fromEntries(entries.slice(start, start + 100));
    const res = await post("/api/v1/identify", { distinctId: user, traits }, keys.publishableKey);
    expect(res.status).toBe(204);
  }
});
test.afterAll(async () => server?.stop());

test(`${payloads.length} payloads rendered by the render endpoint never run in Chromium`, async ({
  page,
}) => {
  test.setTimeout(600_000);
  // Pages are fetched here and written into the browser, which stays offline: video players and
  // images are not loaded, and nothing a payload might fetch could reach anything.
  await page.context().setOffline(true);

  const findings: string[] = [];
  let pages = 0;
  const perDocument = messagesPerDocument * payloadsPerMessage;
  for (let start = 0; start < payloads.length; start += perDocument) {
    const batch = payloads.slice(start, start + perDocument);
    const firsts = batch.flatMap((_, k) => (k % payloadsPerMessage === 0 ? [start + k] : []));
    const ids = await Promise.all(
      firsts.map((first) =>
        save(
          payloads.slice(first, Math.min(first + payloadsPerMessage, start + batch.length)),
          first,
        ),
      ),
    );
    const htmls = (await Promise.all(ids.map(pagesOf))).flat();
    pages += htmls.length;
    // Each page as it came, minus its CSP header: heads together, bodies together.
    const doc = `<!doctype html><html><head>${hook}${htmls.map((h) => part(h, "head")).join("")}</head><body>${htmls.map((h) => part(h, "body")).join("")}</body></html>`;
    await page.setContent(doc, { waitUntil: "domcontentloaded" });
    const problems = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      const found: string[] = [];
      const forbidden = [
        "script",
        "object",
        "embed",
        "base",
        "form",
        "svg",
        "math",
        "frame",
        "link",
      ];
      const events = ["mouseover", "mouseenter", "pointerenter", "pointerdown", "focus", "focusin"];
      events.push("blur", "animationstart", "toggle", "load", "error", "begin");
      for (const el of Array.from(w.document.querySelectorAll("*:not(#xss-hook)"))) {
        const tag = el.tagName.toLowerCase();
        if (forbidden.includes(tag)) found.push(`element <${tag}>`);
        for (const { name, value } of Array.from(el.attributes)) {
          if (/^on/i.test(name)) found.push(`handler ${name} on <${tag}>`);
          if (["href", "src", "action", "formaction", "xlink:href"].includes(name)) {
            let protocol = "";
            try {
              protocol = new URL(value, "http://127.0.0.1/").protocol;
            } catch {
              continue;
            }
            if (!["http:", "https:", "mailto:", "tel:"].includes(protocol)) {
              found.push(`${name}="${value}" on <${tag}>`);
            }
          }
        }
        for (const type of events) el.dispatchEvent(new w.Event(type));
      }
      return [...found, ...w.__xssCalls.map((at) => `__xss() ran at ${at}`)];
    });
    const range = `payloads ${start}–${start + batch.length - 1}`;
    for (const problem of problems) findings.push(`${range}: ${problem}`);
  }
  // A delayed payload (setTimeout) in the last document would have run by now.
  await page.waitForTimeout(500);
  const late = await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls);
  expect(findings).toEqual([]);
  expect(late).toEqual([]);
  expect(pages).toBe(Math.ceil(payloads.length / payloadsPerMessage) * 2);
});
