import { readFileSync } from "node:fs";
import { Window } from "happy-dom";

/** The XSS corpus (issue 7): known payloads, each calling `window.__xss()` if it ever runs. */
export const xssPayloads: string[] = JSON.parse(
  // Read, not imported: JSON holding lone surrogates ("\ud800") is valid, but not to Vite.
  readFileSync(new URL("../xss-corpus.json", import.meta.url), "utf8"),
).payloads;

/** What rendered content may contain: anything else in the output is a finding. */
const allowed: Record<string, readonly string[]> = {
  div: ["class", "aria-hidden", "style"],
  section: ["class"],
  p: [],
  h1: ["class"],
  h2: ["class"],
  h3: ["class"],
  h4: ["class"],
  h5: ["class"],
  h6: ["class"],
  strong: [],
  em: [],
  a: ["class", "href", "rel", "target"],
  span: ["class"],
  ul: [],
  ol: [],
  li: [],
  img: ["class", "src", "alt", "loading"],
  hr: ["class"],
  iframe: ["src", "title", "loading", "allow", "allowfullscreen", "sandbox", "referrerpolicy"],
};
const embedOrigins = [
  "https://www.youtube-nocookie.com/",
  "https://player.vimeo.com/",
  "https://www.loom.com/",
  "https://fast.wistia.net/",
];
const linkSchemes = new Set(["http:", "https:", "mailto:", "tel:"]);

type ParsedElement = {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string | null }>;
};

function elementProblems(
  elements: Iterable<ParsedElement>,
  extra: Record<string, readonly string[]> = {},
): string[] {
  const problems: string[] = [];
  for (const el of elements) {
    const tag = el.tagName.toLowerCase();
    const names = allowed[tag] ?? extra[tag];
    if (!names) {
      problems.push(`element <${tag}>`);
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const { name } = attr;
      const value = attr.value ?? "";
      if (!names.includes(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (name === "style" && !/^height:\d{1,3}px$/.test(value)) problems.push(`style "${value}"`);
      if (name === "href" || name === "src") {
        // Browsers strip these before reading a scheme; a URL holding them was refused upstream.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
        if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) {
          problems.push(`${name} with control characters: ${JSON.stringify(value)}`);
        }
        let scheme: string;
        try {
          scheme = new URL(value, "https://app.example.test/page").protocol;
        } catch {
          continue; // Not a URL at all: nothing to navigate to.
        }
        const ok =
          tag === "iframe"
            ? embedOrigins.some((o) => value.startsWith(o))
            : tag === "img"
              ? scheme === "http:" || scheme === "https:"
              : linkSchemes.has(scheme);
        if (!ok) problems.push(`${name}="${value}" on <${tag}>`);
      }
    }
  }
  return problems;
}

const ownTags = "div|section|main|p|h[1-6]|strong|em|a|span|ul|ol|li|img|hr|iframe";

/**
 * The same checks on the raw text, with a tokenizer: escaped output never holds a raw `<`
 * outside a tag or a raw `"` inside an attribute value, so every `<` must open (or close) one of
 * the renderer's elements and no tag may carry an event handler.
 */
function rawProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    if (/^<\/?script/i.test(tag)) problems.push(`raw ${tag}`);
    if (/\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"/g, '""')))
      problems.push(`raw handler in ${tag}`);
  }
  if (new RegExp(`<(?!/?(?:${ownTags})[\\s>])`, "i").test(html)) {
    problems.push("a raw < that does not open one of the renderer's elements");
  }
  return problems;
}

/**
 * Every problem a browser would have with this markup as a fragment of a page: elements or
 * attributes outside the renderer's vocabulary (script, event handlers, style sheets, SVG…),
 * URLs whose scheme is not http(s) (or mailto/tel for links), frames of other origins. Parsed
 * by a real HTML parser (happy-dom), then checked again on the raw text (rawProblems).
 */
export function markupProblems(html: string): string[] {
  const window = new Window({ url: "https://app.example.test/page" });
  const root = window.document.createElement("div");
  root.innerHTML = html;
  const problems = [...elementProblems(root.querySelectorAll("*")), ...rawProblems(html)];
  window.close();
  return problems;
}

/**
 * The same for a whole page of the render endpoint: a head of exactly charset, viewport and
 * referrer metas, a title and one style sheet, and a body of rendered content only.
 */
export function pageProblems(html: string): string[] {
  const window = new Window({ url: "https://nudge.example.test/render" });
  const doc = new window.DOMParser().parseFromString(html, "text/html");
  const problems: string[] = [];
  const head = Array.from(doc.head.children).map((el) => {
    const attrs = Array.from(el.attributes)
      .map((a) => `${a.name}=${a.value}`)
      .join(" ");
    return `${el.tagName.toLowerCase()} ${attrs}`.trim();
  });
  const expectedHead = [
    "meta charset=utf-8",
    "meta name=viewport content=width=device-width,initial-scale=1,viewport-fit=cover",
    "meta name=referrer content=no-referrer",
    "title",
    "style",
  ];
  if (JSON.stringify(head) !== JSON.stringify(expectedHead))
    problems.push(`head: ${head.join(" | ")}`);
  if (doc.querySelectorAll("style").length !== 1) problems.push("more than one style element");
  problems.push(...elementProblems(doc.body.querySelectorAll("*"), { main: ["class"] }));
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1];
  if (body === undefined) problems.push("no <body>…</body>");
  else problems.push(...rawProblems(body));
  window.close();
  return problems;
}
