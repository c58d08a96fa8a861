import type { BlockDocument } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { fillText, fillUrl, htmlBuilder, personalizeStep, renderContent } from "../src/index.js";
import { markupProblems, xssPayloads } from "./support/safe-markup.js";

/** A document with the payload in every text, URL and prop of every block, in and out of columns. */
function everywhere(payload: string): BlockDocument {
  const rich = [
    { type: "paragraph", children: [{ text: payload, bold: true, italic: true, href: payload }] },
    { type: "list", ordered: true, items: [[{ text: payload, href: payload }]] },
  ];
  const leaves = [
    { type: "Heading", props: { id: payload, text: payload, level: 2 } },
    { type: "Text", props: { id: payload, text: payload } },
    { type: "Text", props: { id: payload, text: rich } },
    { type: "Image", props: { id: payload, src: payload, alt: payload } },
    { type: "Button", props: { id: payload, label: payload, href: payload } },
    { type: "Video", props: { id: payload, url: payload, title: payload } },
    { type: "Divider", props: { id: payload } },
    { type: "Spacer", props: { id: payload, size: payload } },
    { type: payload, props: { id: payload, text: payload } },
  ];
  return {
    root: { props: { title: payload } },
    content: [...leaves, { type: "Columns", props: { id: payload, columns: [leaves, leaves] } }],
  } as unknown as BlockDocument;
}

describe(`the XSS corpus (${xssPayloads.length} payloads) through the HTML builder`, () => {
  it("holds at least 300 known payloads", () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(300);
    expect(new Set(xssPayloads).size).toBe(xssPayloads.length);
  });

  it("has a checker that catches each kind of payload when it is inserted raw", () => {
    for (const raw of [
      "<script>__xss()</script>",
      "<img src=x onerror=__xss()>",
      '<a href="javascript:__xss()">x</a>',
      '<a href="jav&#x09;ascript:__xss()">x</a>',
      '<img src="data:image/svg+xml,<svg onload=__xss()>">',
      "<svg><animate onbegin=__xss() attributeName=x dur=1s>",
      '<div style="background:url(javascript:__xss())">x</div>',
      '<iframe src="https://evil.example/"></iframe>',
      '<noscript><p title="</noscript><img src=x onerror=__xss()>">',
    ]) {
      expect(markupProblems(raw), raw).not.toEqual([]);
    }
    const flagged = xssPayloads.filter((p) => /<[a-z]/i.test(p) && markupProblems(p).length > 0);
    expect(flagged.length).toBeGreaterThan(300);
  });

  it("renders no element, attribute or URL scheme outside the renderer's vocabulary", () => {
    const findings: string[] = [];
    for (const payload of xssPayloads) {
      const html = renderContent(everywhere(payload), htmlBuilder);
      for (const problem of markupProblems(html))
        findings.push(`${JSON.stringify(payload)}: ${problem}`);
    }
    expect(findings).toEqual([]);
  });

  it("keeps payloads in traits as text and out of URLs' schemes, through personalization", () => {
    const findings: string[] = [];
    for (const payload of xssPayloads) {
      const traits = { name: payload };
      const filled = personalizeStep(
        {
          type: "modal",
          body: "",
          dismissible: true,
          content: everywhere("{{ traits.name }}"),
        },
        traits,
      );
      const html = renderContent(filled.content!, htmlBuilder);
      for (const problem of markupProblems(html))
        findings.push(`${JSON.stringify(payload)}: ${problem}`);
      // A trait is text: filled in as it is, never read as a template itself.
      expect(fillText("{{ traits.name }}", traits)).toBe(payload.slice(0, 500));
      const url = fillUrl("{{ traits.name }}", traits);
      if (url !== null) expect(url).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    }
    expect(findings).toEqual([]);
  });
});
