import { type Step, stepSchema } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { isMissing, translationRows } from "../src/features/translations/translation-rows";

const step: Step = {
  type: "modal",
  title: "Welcome",
  body: "Hello there",
  ctaUrl: "/start",
  dismissible: true,
  content: {
    root: { props: {} },
    content: [
      { type: "Heading", props: { id: "h", text: "Hi", level: 2 } },
      {
        type: "Columns",
        props: {
          id: "c",
          columns: [
            [{ type: "Button", props: { id: "b", label: "Go", href: "/go" } }],
            [{ type: "Divider", props: { id: "d" } }],
          ],
        },
      },
    ],
  },
};

describe("the translation grid's rows", () => {
  it("lists the step's texts and each block's texts, columns included", () => {
    expect(translationRows(step).map((r) => r.key)).toEqual([
      "title",
      "body",
      "ctaUrl",
      "content.h.text",
      "content.b.label",
      "content.b.href",
    ]);
  });

  it("flags missing, empty and copied texts, but not a link left as it is", () => {
    const rows = Object.fromEntries(translationRows(step).map((r) => [r.key, r]));
    expect(isMissing(rows.title!, undefined)).toBe(true);
    expect(isMissing(rows.title!, { title: "" })).toBe(true);
    expect(isMissing(rows.title!, { title: "Welcome" })).toBe(true);
    expect(isMissing(rows.title!, { title: "Bienvenue" })).toBe(false);
    expect(isMissing(rows.ctaUrl!, undefined)).toBe(false);
    expect(isMissing(rows["content.h.text"]!, { title: "Bienvenue" })).toBe(true);
  });

  it("builds a translated document of the source's shape, one block text at a time", () => {
    const rows = Object.fromEntries(translationRows(step).map((r) => [r.key, r]));
    const once = rows["content.h.text"]!.set(undefined, "Salut", step);
    const twice = rows["content.b.label"]!.set(once, "Allez", step);
    expect(rows["content.h.text"]!.get(twice)).toBe("Salut");
    expect(rows["content.b.label"]!.get(twice)).toBe("Allez");
    expect(isMissing(rows["content.b.label"]!, twice)).toBe(false);
    // The rest of the document is the source's, so the translation stays a valid step.
    expect(twice.content?.content[1]).toMatchObject({ type: "Columns", props: { id: "c" } });
    const translated = stepSchema.safeParse({ ...step, translations: { fr: twice } });
    expect(translated.success, JSON.stringify(translated.error?.issues)).toBe(true);
  });
});
