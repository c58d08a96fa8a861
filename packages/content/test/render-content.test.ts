import type { BlockDocument } from "@nudge/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlBuilder, renderContent } from "../src/index.js";

const doc = (...content: unknown[]) => ({ root: { props: {} }, content }) as BlockDocument;
const html = (...content: unknown[]) => renderContent(doc(...content), htmlBuilder);
const inner = (...content: unknown[]) =>
  html(...content).replace(/^<div class="nc">|<\/div>$/g, "");

describe("renderContent to HTML", () => {
  it("renders each block to its element, text escaped", () => {
    expect(inner({ type: "Heading", props: { id: "h", text: "Hi <b>&", level: 3 } })).toBe(
      '<h3 class="nc-h">Hi &lt;b&gt;&amp;</h3>',
    );
    expect(
      inner({ type: "Image", props: { id: "i", src: "https://x.test/a.png", alt: 'A "b"' } }),
    ).toBe('<img class="nc-img" src="https://x.test/a.png" alt="A &quot;b&quot;" loading="lazy">');
    expect(
      inner({ type: "Button", props: { id: "b", label: "Go", href: "https://x.test/go" } }),
    ).toBe(
      '<a class="nc-btn" href="https://x.test/go" rel="noopener noreferrer" target="_blank">Go</a>',
    );
    expect(inner({ type: "Button", props: { id: "b", label: "Go", href: "/go" } })).toBe(
      '<a class="nc-btn" href="/go" rel="noopener noreferrer">Go</a>',
    );
    expect(inner({ type: "Divider", props: { id: "d" } })).toBe('<hr class="nc-hr">');
    expect(inner({ type: "Spacer", props: { id: "s", size: 24 } })).toBe(
      '<div class="nc-sp" aria-hidden="true" style="height:24px"></div>',
    );
  });

  it("renders a plain-string Text as one paragraph per line, and rich text as structure", () => {
    expect(inner({ type: "Text", props: { id: "t", text: "One\n\nTwo <i>" } })).toBe(
      '<div class="nc-text"><p>One</p><p>Two &lt;i&gt;</p></div>',
    );
    const rich = [
      {
        type: "paragraph",
        children: [
          { text: "Read " },
          { text: "the guide", bold: true, italic: true, href: "/docs" },
          { text: ", or " },
          { text: "mail us", href: "mailto:help@example.com" },
        ],
      },
      { type: "list", items: [[{ text: "a" }], [{ text: "b", italic: true }]] },
      { type: "list", ordered: true, items: [[{ text: "1" }]] },
    ];
    expect(inner({ type: "Text", props: { id: "t", text: rich } })).toBe(
      '<div class="nc-text"><p>Read <a href="/docs" rel="noopener noreferrer"><strong><em>the guide</em></strong></a>, or ' +
        '<a href="mailto:help@example.com" rel="noopener noreferrer">mail us</a></p>' +
        "<ul><li>a</li><li><em>b</em></li></ul><ol><li>1</li></ol></div>",
    );
  });

  it("embeds allowed videos through the host's player, sandboxed, and drops the rest", () => {
    expect(
      inner({
        type: "Video",
        props: { id: "v", url: "https://youtu.be/dQw4w9WgXcQ", title: "Demo" },
      }),
    ).toBe(
      '<div class="nc-video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Demo" loading="lazy" ' +
        'allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen="" ' +
        'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" referrerpolicy="strict-origin-when-cross-origin"></iframe></div>',
    );
    expect(
      inner({ type: "Video", props: { id: "v", url: "https://evil.example/v.mp4", title: "x" } }),
    ).toBe("");
  });

  it("lays out columns of leaf blocks, one level deep", () => {
    const leaf = { type: "Divider", props: { id: "d" } };
    const nested = { type: "Columns", props: { id: "n", columns: [[leaf]] } };
    expect(inner({ type: "Columns", props: { id: "c", columns: [[leaf], [nested, leaf]] } })).toBe(
      '<div class="nc-cols nc-c2"><div class="nc-col"><hr class="nc-hr"></div><div class="nc-col"><hr class="nc-hr"></div></div>',
    );
  });

  it("drops unsafe URLs at render time, whatever the schema let through", () => {
    expect(inner({ type: "Image", props: { id: "i", src: "javascript:alert(1)", alt: "" } })).toBe(
      "",
    );
    expect(inner({ type: "Image", props: { id: "i", src: "mailto:a@b.c", alt: "" } })).toBe("");
    expect(inner({ type: "Button", props: { id: "b", label: "Go", href: "java\tscript:x" } })).toBe(
      '<span class="nc-btn">Go</span>',
    );
    const run = { text: "x", href: "data:text/html,<script>" };
    expect(
      inner({ type: "Text", props: { id: "t", text: [{ type: "paragraph", children: [run] }] } }),
    ).toBe('<div class="nc-text"><p>x</p></div>');
  });

  it("skips what it does not know and never throws, whatever it is given", () => {
    expect(html({ type: "Script", props: { src: "x" } }, null, 3, { type: "Heading" })).toBe(
      '<div class="nc"><h2 class="nc-h"></h2></div>',
    );
    expect(renderContent(null as unknown as BlockDocument, htmlBuilder)).toBe(
      '<div class="nc"></div>',
    );
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything()), (anything, content) => {
        renderContent(anything as BlockDocument, htmlBuilder);
        renderContent(doc(...content), htmlBuilder);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
