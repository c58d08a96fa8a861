import type { BlockDocument } from "@nudge/schema";
import fc from "fast-check";
import { type Node, Window } from "happy-dom";
import { afterAll, describe, expect, it } from "vitest";
import { domBuilder, htmlBuilder, renderContent } from "../src/index.js";
import { xssPayloads } from "./support/safe-markup.js";

const window = new Window();
const document = window.document;
afterAll(() => window.close());

/** A tree as data, attributes in order: what both builders must agree on. */
function canon(node: { nodeType: number; childNodes: ArrayLike<unknown> }): unknown {
  if (node.nodeType === 3) return (node as unknown as { data: string }).data;
  const el = node as unknown as {
    tagName: string;
    attributes: ArrayLike<{ name: string; value: string }>;
    childNodes: ArrayLike<typeof node>;
  };
  return [
    el.tagName.toLowerCase(),
    // The CSSOM writes `height: 24px;` for what the string builder writes `height:24px`.
    Array.from(el.attributes).map(({ name, value }) => [
      name,
      name === "style" ? value.replace(/[\s;]/g, "") : value,
    ]),
    // Adjacent text nodes (two runs) serialize as one text, which a parser reads back as one.
    Array.from(el.childNodes)
      .map((c) => canon(c))
      .reduce<unknown[]>((out, c) => {
        const last = out.length - 1;
        if (typeof c === "string" && typeof out[last] === "string") out[last] += c;
        else out.push(c);
        return out;
      }, []),
  ];
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(...xssPayloads),
  fc.constantFrom("a\r\nb", "\u00a0", "&amp;", "<", "\0", "\ud800", "x'y\"z"),
);
const url = fc.oneof(
  fc.constantFrom(
    "/a",
    "https://x.test/a?b=1&c=2",
    "mailto:a@b.c",
    "tel:+1",
    "javascript:x",
    "data:x",
    "",
  ),
  fc.webUrl(),
  text,
);
const run = fc.record(
  { text, bold: fc.boolean(), italic: fc.boolean(), href: url },
  { requiredKeys: ["text"] },
);
const line = fc.array(run, { maxLength: 4 });
const rich = fc.array(
  fc.oneof(
    fc.record({ type: fc.constant("paragraph"), children: line }),
    fc.record({
      type: fc.constant("list"),
      ordered: fc.boolean(),
      items: fc.array(line, { maxLength: 3 }),
    }),
  ),
  { maxLength: 3 },
);
const id = fc.constant("b");
const leaf = fc.oneof(
  fc.record({
    type: fc.constant("Heading"),
    props: fc.record({ id, text, level: fc.integer({ min: 0, max: 7 }) }),
  }),
  fc.record({ type: fc.constant("Text"), props: fc.record({ id, text: fc.oneof(text, rich) }) }),
  fc.record({ type: fc.constant("Image"), props: fc.record({ id, src: url, alt: text }) }),
  fc.record({ type: fc.constant("Button"), props: fc.record({ id, label: text, href: url }) }),
  fc.record({ type: fc.constant("Divider"), props: fc.record({ id }) }),
  fc.record({
    type: fc.constant("Spacer"),
    props: fc.record({ id, size: fc.integer({ min: -5, max: 300 }) }),
  }),
  fc.record({
    type: fc.constant("Video"),
    props: fc.record({
      id,
      url: fc.oneof(
        url,
        fc.constantFrom(
          "https://vimeo.com/76979871",
          "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
      ),
      title: text,
    }),
  }),
);
const block = fc.oneof(
  { weight: 4, arbitrary: leaf },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("Columns"),
      props: fc.record({
        id,
        columns: fc.array(fc.array(leaf, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      }),
    }),
  },
);
const documents = fc.record({
  root: fc.constant({ props: {} }),
  content: fc.array(block, { maxLength: 6 }),
});

describe("the two builders", () => {
  it("build the same element tree for any document: parsed HTML string ≡ DOM nodes", () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const html = renderContent(doc as BlockDocument, htmlBuilder);
        const parsed = document.createElement("div");
        parsed.innerHTML = html;
        const built = renderContent(doc as BlockDocument, domBuilder<Node>(document));
        const holder = document.createElement("div");
        holder.append(built);
        expect(canon(holder)).toEqual(canon(parsed));
      }),
      { numRuns: 400, seed: 2026 },
    );
  });

  it("both refuse, on their own, attributes and URLs the renderer would never pass", () => {
    const attrs = {
      class: "c",
      onclick: "__xss()",
      href: "javascript:__xss()",
      style: "background:url(javascript:__xss())",
      srcdoc: "<script>__xss()</script>",
    };
    expect(htmlBuilder.el("a", attrs, [htmlBuilder.text("x")])).toBe('<a class="c">x</a>');
    const dom = domBuilder<Node>(document);
    const a = dom.el("a", attrs, [dom.text("x")]) as unknown as { outerHTML: string };
    expect(a.outerHTML).toBe('<a class="c">x</a>');
    expect(htmlBuilder.el("img", { src: "data:image/png;base64,AA", alt: "" })).toBe(
      '<img alt="">',
    );
    expect(htmlBuilder.el("iframe", { src: "https://evil.example/embed/x" })).toBe(
      "<iframe></iframe>",
    );
    expect(htmlBuilder.el("a", { href: "tel:+15551234" })).toBe('<a href="tel:+15551234"></a>');
  });

  it("serialize to the same markup for documents without CR, NUL or non-breaking spaces", () => {
    const doc = {
      root: { props: {} },
      content: [
        { type: "Heading", props: { id: "h", text: "Hi <there> & 'you'", level: 1 } },
        { type: "Spacer", props: { id: "s", size: 8 } },
        { type: "Button", props: { id: "b", label: "Go", href: "https://x.test/?a=1&b=2" } },
      ],
    } as BlockDocument;
    const built = renderContent(doc, domBuilder<Node>(document)) as unknown as {
      outerHTML: string;
    };
    const fromDom = built.outerHTML.replace("height: 8px;", "height:8px").replace(/'/g, "&#39;");
    expect(fromDom).toBe(renderContent(doc, htmlBuilder));
  });
});
