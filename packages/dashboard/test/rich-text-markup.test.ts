import { richTextSchema } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { markupToRichText, richTextToMarkup } from "../src/features/content/rich-text-markup";

describe("the Text block's markup", () => {
  it("reads bold, italic, links and lists into structured runs", () => {
    const text = markupToRichText(
      "Hi **there**, read *the* [guide](/docs)\n- one\n- **two**\n1. first\n2. [x](https://a.example/?q=(1\\))",
    );
    expect(text).toEqual([
      {
        type: "paragraph",
        children: [
          { text: "Hi " },
          { text: "there", bold: true },
          { text: ", read " },
          { text: "the", italic: true },
          { text: " " },
          { text: "guide", href: "/docs" },
        ],
      },
      { type: "list", items: [[{ text: "one" }], [{ text: "two", bold: true }]] },
      {
        type: "list",
        ordered: true,
        items: [[{ text: "first" }], [{ text: "x", href: "https://a.example/?q=(1)" }]],
      },
    ]);
    expect(richTextSchema.safeParse(text).success).toBe(true);
  });

  it("never makes markup of typed HTML: it stays text", () => {
    const text = markupToRichText('<img src=x onerror="alert(1)"> <script>x</script>');
    expect(text).toEqual([
      {
        type: "paragraph",
        children: [{ text: '<img src=x onerror="alert(1)"> <script>x</script>' }],
      },
    ]);
  });

  it("keeps unclosed markers as text", () => {
    expect(markupToRichText("2 * 3 = **6")).toEqual([
      { type: "paragraph", children: [{ text: "2 * 3 = **6" }] },
    ]);
  });

  it("round-trips rich text, escaping marker characters in the text", () => {
    const text = [
      {
        type: "paragraph" as const,
        children: [
          { text: "a*b [c] (d) \\e" },
          { text: "bold italic", bold: true, italic: true },
          { text: "linked bold", bold: true, href: "https://x.example/a)b" },
          { text: '{{ traits.first_name | default: "there" }}' },
        ],
      },
      { type: "list" as const, ordered: true, items: [[{ text: "one" }], [{ text: "two" }]] },
    ];
    expect(markupToRichText(richTextToMarkup(text))).toEqual(text);
  });

  it("shows a plain-string Text as it is", () => {
    expect(richTextToMarkup("Hello\nthere")).toBe("Hello\nthere");
  });
});
