import type { InlineRun, RichText } from "@nudge/schema";
import type { Builder } from "./builder.js";
import { isExternal, isSafeLinkUrl } from "./safe-url.js";

/** A string from untrusted data; NUL becomes U+FFFD, as an HTML parser would make it. */
export const str = (value: unknown): string =>
  typeof value === "string" ? value.replace(/\0/g, "\ufffd") : "";

/**
 * A text as children: none for "", since an HTML parser makes no node of nothing while
 * createTextNode("") would, and both builders must produce the same tree.
 */
export const texts = <N>(b: Builder<N>, value: string): N[] => (value ? [b.text(value)] : []);

/**
 * A Text block's `text` as rich text. A plain string (the first stored form) becomes one
 * paragraph per non-empty line, as the SDK shows a step's body.
 * @example toRichText("Hi\nthere") // [{type: "paragraph", children: [{text: "Hi"}]}, …]
 */
export function toRichText(text: string | RichText | unknown): RichText {
  if (Array.isArray(text)) return text as RichText;
  return str(text)
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => ({ type: "paragraph", children: [{ text: line }] }));
}

/** The attributes of a link: external ones open a new tab, and no link passes a referrer. */
export function linkAttrs(href: string): Record<string, string> {
  return isExternal(href)
    ? { href, rel: "noopener noreferrer", target: "_blank" }
    : { href, rel: "noopener noreferrer" };
}

function run<N>(r: InlineRun, b: Builder<N>): N[] {
  let nodes = texts(b, str(r?.text));
  if (r?.italic === true) nodes = [b.el("em", {}, nodes)];
  if (r?.bold === true) nodes = [b.el("strong", {}, nodes)];
  const href = str(r?.href);
  if (isSafeLinkUrl(href)) nodes = [b.el("a", linkAttrs(href), nodes)];
  return nodes;
}

const runs = <N>(line: unknown, b: Builder<N>): N[] =>
  Array.isArray(line) ? line.flatMap((r: InlineRun) => run(r, b)) : [];

/** Paragraphs and lists; anything not of that shape renders nothing. */
export function renderRichText<N>(text: unknown, b: Builder<N>): N[] {
  const out: N[] = [];
  for (const block of toRichText(text)) {
    if (block?.type === "paragraph") out.push(b.el("p", {}, runs(block.children, b)));
    else if (block?.type === "list" && Array.isArray(block.items)) {
      const items = block.items.map((item) => b.el("li", {}, runs(item, b)));
      out.push(b.el(block.ordered === true ? "ol" : "ul", {}, items));
    }
  }
  return out;
}
