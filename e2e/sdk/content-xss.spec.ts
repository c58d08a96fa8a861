import { expect, test } from "@playwright/test";
import { payloadsPerMessage } from "../../packages/content/test/support/xss-message.js";
import { xssPayloads as payloads, postJson, saveXssMessage } from "../support/xss-corpus.js";
import { callNudge, type Stack, startStack, type TestWindow } from "./support.js";

/**
 * The XSS acceptance test of issue 7 for the SDK: every payload of the corpus saved through the
 * API in every text field, block prop, CTA URL and translation, and in a trait of the user that
 * placeholders pull in; then every step of every message rendered by the SDK (the content chunk
 * included) in Chromium on a page WITHOUT a Content-Security-Policy, so the renderer alone is
 * tested, with `window.__xss` defined first: every payload calls it if it runs. Every element
 * of each card gets the events inline handlers wait for. Zero calls, zero handlers, zero
 * disallowed URL schemes, for a user with the default texts and one with the French translation.
 */

let stack: Stack;
const messages: { id: string; steps: number }[] = [];
const users = { default: "xss-sdk-default", fr: "xss-sdk-fr" } as const;

function post(path: string, body: unknown, key = stack.tenant.secretKey) {
  return postJson(stack.nudge.url, path, body, key);
}

/** Saves one message of ten payloads (see saveXssMessage). */
const save = (batch: string[], first: number) =>
  saveXssMessage(stack.nudge.url, stack.tenant, batch, first);

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startStack();
  const entries = payloads.map((p, i) => [`p${i}`, p] as const);
  for (const [which, user] of Object.entries(users)) {
    for (let start = 0; start < entries.length; start += 100) {
      const traits = Object.fromEntries(entries.slice(start, start + 100));
      if (which === "fr" && start === 0) traits.locale = "fr";
      const res = await post(
        "/api/v1/identify",
        { distinctId: user, traits },
        stack.tenant.publishableKey,
      );
      expect(res.status).toBe(204);
    }
  }
  for (let first = 0; first < payloads.length; first += payloadsPerMessage) {
    const batch = payloads.slice(first, first + payloadsPerMessage);
    messages.push({ id: await save(batch, first), steps: batch.length * 2 });
  }
});
test.afterAll(async () => stack?.stop());

/** The page side, typed by hand: the root tsconfig has no DOM library. */
interface PageWindow extends TestWindow {
  __xssCalls: string[];
  Event: new (type: string) => unknown;
  requestAnimationFrame(fn: () => void): void;
  document: TestWindow["document"] & {
    querySelector(selector: string): { shadowRoot: PageRoot | null } | null;
  };
}
interface PageRoot {
  querySelector(selector: string): PageElement | null;
}
interface PageElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  dispatchEvent(event: unknown): boolean;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  querySelector(selector: string): (PageElement & { click(): void }) | null;
  getAttribute(name: string): string | null;
}

for (const [which, user] of Object.entries(users)) {
  test(`${payloads.length} payloads rendered by the SDK never run in Chromium (${which} texts)`, async ({
    page,
  }) => {
    test.setTimeout(900_000);
    // Only the fixture page and the Nudge server answer: images and video players of the
    // payloads are never fetched, and nothing a payload might fetch could reach anything.
    const allowed = [stack.fixtures, stack.nudge.url];
    await page.route("**/*", (route) =>
      allowed.some((origin) => route.request().url().startsWith(`${origin}/`))
        ? route.continue()
        : route.abort(),
    );
    await page.addInitScript(() => {
      const w = globalThis as unknown as {
        __xssCalls: string[];
        __xss(): void;
        location: { href: string };
      };
      w.__xssCalls = [];
      w.__xss = () => w.__xssCalls.push(String(w.location.href));
    });
    await page.goto(stack.page("plain", `xss-${which}`, { id: user, query: { autocapture: "0" } }));
    await page.waitForFunction(() => Boolean((globalThis as unknown as TestWindow).__nudgeTest));
    // The hook works: a payload that ran would be counted.
    const probe = await page.evaluate(() => {
      const w = globalThis as unknown as { __xssCalls: string[]; __xss(): void };
      w.__xss();
      return w.__xssCalls.splice(0).length;
    });
    expect(probe).toBe(1);
    // The SDK picks the translation by the locale trait the page gives identify().
    if (which === "fr") await callNudge(page, "identify", user, { locale: "fr" });
    else await callNudge(page, "messages.fetchActive");

    const findings: string[] = [];
    let cards = 0;
    let withContent = 0;
    let french = 0;
    for (const message of messages) {
      const seen = await page.evaluate(
        async ([id, steps]) => {
          const w = globalThis as unknown as PageWindow;
          const found: string[] = [];
          const counts = { cards: 0, content: 0, french: 0 };
          const forbidden = ["script", "object", "embed", "base", "form", "svg", "math"];
          forbidden.push("frame", "link", "style", "meta", "template");
          const events = ["mouseover", "mouseenter", "pointerenter", "pointerdown", "focus"];
          events.push("focusin", "blur", "animationstart", "toggle", "load", "error", "begin");
          const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(resolve));
          const root = () => w.document.querySelector("nudge-root")?.shadowRoot ?? null;
          /** The card on screen once it is not `previous` any more (the chunk may be loading). */
          async function nextCard(previous: PageElement | null): Promise<PageElement | null> {
            for (let i = 0; i < 600; i++) {
              const card = root()?.querySelector(".n") ?? null;
              if (card && card !== previous) return card;
              await frame();
            }
            return null;
          }
          if (!(await (w.nudge.show(id as string) as Promise<boolean>))) {
            return { found: [`${id}: show() refused`], counts };
          }
          let previous: PageElement | null = null;
          for (let step = 0; step < (steps as number); step++) {
            const card = await nextCard(previous);
            if (!card) {
              found.push(`${id} step ${step}: never rendered`);
              break;
            }
            counts.cards++;
            if (card.querySelector(".nc")) counts.content++;
            if (card.getAttribute("lang") === "fr") counts.french++;
            for (const el of [card, ...Array.from(card.querySelectorAll("*"))]) {
              const tag = el.tagName.toLowerCase();
              if (forbidden.includes(tag)) found.push(`${id} step ${step}: element <${tag}>`);
              for (const { name, value } of Array.from(el.attributes)) {
                if (/^on/i.test(name)) found.push(`${id} step ${step}: ${name} on <${tag}>`);
                if (["href", "src", "action", "formaction", "xlink:href"].includes(name)) {
                  let protocol = "";
                  try {
                    protocol = new URL(value, "http://127.0.0.1/").protocol;
                  } catch {
                    continue;
                  }
                  if (!["http:", "https:", "mailto:", "tel:"].includes(protocol)) {
                    found.push(`${id} step ${step}: ${name}="${value}" on <${tag}>`);
                  }
                }
              }
              for (const type of events) el.dispatchEvent(new w.Event(type));
            }
            previous = card;
            const button = card.querySelector("[part~=next]") ?? card.querySelector("[part~=done]");
            if (!button) {
              found.push(`${id} step ${step}: no Next or Done`);
              break;
            }
            button.click();
          }
          return { found, counts };
        },
        [message.id, message.steps] as const,
      );
      findings.push(...seen.found);
      cards += seen.counts.cards;
      withContent += seen.counts.content;
      french += seen.counts.french;
    }
    // A delayed payload (setTimeout) would have run by now.
    await page.waitForTimeout(500);
    const calls = await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls);
    expect(findings).toEqual([]);
    expect(calls).toEqual([]);
    // Every step was drawn, every second one with its block content, in the user's language.
    expect(cards).toBe(payloads.length * 2);
    expect(withContent).toBe(payloads.length);
    expect(french).toBe(which === "fr" ? payloads.length : 0);
  });
}
