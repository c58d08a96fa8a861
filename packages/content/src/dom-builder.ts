import type { Attrs, Builder, Tag } from "./builder.js";
import { attrAllowed } from "./builder.js";

/** What domBuilder needs of an element: the DOM's, or any implementation's. */
export interface DomElementLike<N> {
  setAttribute(name: string, value: string): void;
  append(...nodes: N[]): void;
  style: { cssText: string };
}

/** What domBuilder needs of a document; `document` itself (or a shadow root's owner) fits. */
export interface DomDocumentLike<N> {
  createElement(tag: string): N & DomElementLike<N>;
  createTextNode(data: string): N;
}

/**
 * The SDK's builder: nodes made with createElement and createTextNode, attributes through
 * setAttribute (never innerHTML, so nothing can become markup and Trusted Types has nothing to
 * object to). A style goes through the CSSOM, which a strict CSP allows where a style
 * attribute would be refused.
 * @example renderContent(doc, domBuilder<Node>(document))
 */
export function domBuilder<N>(doc: DomDocumentLike<N>): Builder<N> {
  return {
    el(tag: Tag, attrs: Attrs, children: N[] = []) {
      const node = doc.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) {
        if (!attrAllowed(tag, name, value)) continue;
        if (name === "style") node.style.cssText = value;
        else node.setAttribute(name, value);
      }
      node.append(...children);
      return node;
    },
    text: (value) => doc.createTextNode(value),
  };
}
