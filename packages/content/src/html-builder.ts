import { type Attrs, attrAllowed, type Builder, type Tag } from "./builder.js";

const voidTags = new Set<Tag>(["img", "hr"]);

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\u00a0": "&nbsp;",
  // Parsers turn a raw CR into LF; a reference keeps the character the DOM builder would keep.
  "\r": "&#13;",
  // A NUL is dropped or replaced by parsers; writing U+FFFD ourselves keeps the output stable.
  "\u0000": "\ufffd",
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters to replace.
const special = /[&<>"'\u00a0\u0000\r]/g;
/** Escapes every character that could end a text run or a double-quoted attribute value. */
export const escapeHtml = (value: string) => value.replace(special, (c) => entities[c]!);

/**
 * The server's builder: markup as a string, every text escaped and every attribute value
 * double-quoted and escaped. The string is safe to put inside any element that holds flow content.
 */
export const htmlBuilder: Builder<string> = {
  el(tag, attrs: Attrs, children = []) {
    let open = `<${tag}`;
    for (const [name, value] of Object.entries(attrs)) {
      if (attrAllowed(tag, name, value)) {
        open += ` ${name}="${escapeHtml(value)}"`;
      }
    }
    return voidTags.has(tag) ? `${open}>` : `${open}>${children.join("")}</${tag}>`;
  },
  text: escapeHtml,
};
