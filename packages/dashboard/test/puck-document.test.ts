import { type BlockDocument, blockDocumentSchema } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { documentOfPuck, puckOfDocument } from "../src/features/content/puck-document";

const doc: BlockDocument = {
  root: { props: {} },
  content: [
    { type: "Heading", props: { id: "h1", text: "Hi {{ traits.first_name }}", level: 2 } },
    {
      type: "Columns",
      props: {
        id: "c1",
        columns: [
          [{ type: "Image", props: { id: "i1", src: "https://x.example/a.png", alt: "A" } }],
          [
            { type: "Button", props: { id: "b1", label: "Go", href: "/go" } },
            { type: "Spacer", props: { id: "s1", size: 8 } },
          ],
        ],
      },
    },
    { type: "Divider", props: { id: "d1" } },
  ],
};

describe("Puck data and the block document", () => {
  it("round-trips a document through the editor's data, columns as slots", () => {
    const data = puckOfDocument(doc);
    expect(data.content[1]!.props).toMatchObject({ count: 2, column3: [], column4: [] });
    expect(documentOfPuck(data)).toEqual(doc);
  });

  it("keeps only what the schema accepts: no zones, no unknown blocks or props", () => {
    const saved = documentOfPuck({
      root: { props: { title: "x", nested: { a: 1 } } },
      content: [
        { type: "Heading", props: { id: "h", text: "T", level: 1, extra: "drop me" } },
        { type: "Script", props: { id: "s", src: "evil" } },
        {
          type: "Columns",
          props: { id: "c", count: 1, column1: [{ type: "Columns", props: { id: "n" } }] },
        },
      ],
    });
    expect(saved).toEqual({
      root: { props: { title: "x" } },
      content: [
        { type: "Heading", props: { id: "h", text: "T", level: 1 } },
        { type: "Columns", props: { id: "c", columns: [[]] } },
      ],
    });
    expect(blockDocumentSchema.safeParse(saved).success).toBe(true);
  });

  it("starts an empty editor for a step without content", () => {
    expect(puckOfDocument(undefined)).toEqual({ root: { props: {} }, content: [] });
  });
});
