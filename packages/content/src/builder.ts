import { isSafeImageUrl, isSafeLinkUrl } from "./safe-url.js";
import { isEmbedUrl } from "./video.js";

/** Every element the renderer may produce; nothing else can be built. */
export type Tag =
  | "div"
  | "section"
  | "p"
  | "h1"
  | "h2"
  | "h3"
  | "h4"
  | "h5"
  | "h6"
  | "strong"
  | "em"
  | "a"
  | "span"
  | "ul"
  | "ol"
  | "li"
  | "img"
  | "hr"
  | "iframe";

/** Attributes in the order they are written: both builders keep it, so their markup matches. */
export type Attrs = Record<string, string>;

/**
 * The tiny element-building interface the renderer writes to, implemented twice: htmlBuilder
 * (a string, for the server's render endpoint) and domBuilder (nodes, for the SDK's shadow
 * root). The renderer makes the same calls on both, so both produce the same element tree.
 * Text only ever enters through `text()`: escaped by one, a text node in the other.
 */
export interface Builder<N> {
  el(tag: Tag, attrs: Attrs, children?: N[]): N;
  text(value: string): N;
}

const plainAttrs = new Set([
  "class",
  "alt",
  "title",
  "target",
  "rel",
  "loading",
  "allow",
  "allowfullscreen",
  "sandbox",
  "referrerpolicy",
  "aria-hidden",
  "part",
]);

/**
 * The last gate before an attribute is written, in both builders: a known name, and for URL
 * attributes a URL that passes the check for that element. The renderer already only passes
 * such attributes; this holds even if a later change to it does not.
 */
export function attrAllowed(tag: Tag, name: string, value: string): boolean {
  if (plainAttrs.has(name)) return true;
  if (name === "style") return /^height:\d{1,3}px$/.test(value);
  if (name === "href") return tag === "a" && isSafeLinkUrl(value);
  if (name === "src") {
    return (tag === "img" && isSafeImageUrl(value)) || (tag === "iframe" && isEmbedUrl(value));
  }
  return false;
}
