import { VisuallyHidden } from "@mantine/core";
import type { Block, BlockDocument } from "@nudge/schema";
import type { Config, Fields, SlotComponent } from "@puckeditor/core";
import { documentOfPuck, type PuckItem } from "./puck-document";
import { RenderedContent } from "./rendered-content";
import { RichTextField } from "./rich-text-field";

/** Blocks a column may hold: every block but Columns, as the schema says. */
const leafTypes = ["Heading", "Text", "Image", "Button", "Divider", "Spacer", "Video"];

/** One block drawn by the shared renderer, so the canvas shows what users will get. */
function BlockPreview({ type, props }: PuckItem) {
  const doc: BlockDocument = documentOfPuck({ root: {}, content: [{ type, props }] });
  const empty = doc.content.length === 0;
  if (empty) return null;
  return (
    <>
      {/* Puck's draggable wrapper is named by its text; the drawn block itself is inert. */}
      <VisuallyHidden>{type} block</VisuallyHidden>
      <RenderedContent doc={doc} label={`${type} block`} inert />
    </>
  );
}

const levelOptions = [1, 2, 3, 4, 5, 6].map((n) => ({ label: `Heading ${n}`, value: n }));

type Props<B extends Block["type"]> = Omit<Extract<Block, { type: B }>["props"], "id">;
interface ColumnsProps {
  count: number;
  column1: SlotComponent;
  column2: SlotComponent;
  column3: SlotComponent;
  column4: SlotComponent;
}

const leaf = <B extends Exclude<Block["type"], "Columns">>(
  type: B,
  label: string,
  fields: Fields<Props<B>>,
  defaultProps: Props<B>,
) => ({
  label,
  fields,
  defaultProps,
  render: ({ id, puck: _puck, editMode: _edit, ...props }: Record<string, unknown>) => (
    <BlockPreview type={type} props={{ id, ...props }} />
  ),
});

const column = { type: "slot" as const, allow: leafTypes };

/** The Puck configuration: exactly the blocks of SPEC §8, with the fields each one stores. */
export const puckConfig = {
  // The document's root carries no fields an author edits.
  root: { fields: {} },
  categories: {
    text: { title: "Text", components: ["Heading", "Text", "Button"] },
    media: { title: "Media", components: ["Image", "Video"] },
    layout: { title: "Layout", components: ["Columns", "Divider", "Spacer"] },
  },
  components: {
    Heading: leaf(
      "Heading",
      "Heading",
      {
        text: { type: "text", label: "Text" },
        level: { type: "select", label: "Level", options: levelOptions },
      },
      { text: "Heading", level: 2 },
    ),
    Text: leaf(
      "Text",
      "Text",
      {
        text: {
          type: "custom",
          label: "Text",
          render: ({ id, value, onChange, readOnly }) => (
            <RichTextField
              id={id}
              label="Text"
              value={value}
              onChange={onChange}
              {...(readOnly ? { readOnly } : {})}
            />
          ),
        },
      },
      { text: [{ type: "paragraph", children: [{ text: "Write something helpful." }] }] },
    ),
    Image: leaf(
      "Image",
      "Image",
      {
        src: { type: "text", label: "Image URL" },
        alt: { type: "text", label: "Alternative text" },
      },
      { src: "https://placehold.co/600x240.png", alt: "" },
    ),
    Button: leaf(
      "Button",
      "Button",
      {
        label: { type: "text", label: "Label" },
        href: { type: "text", label: "Link" },
      },
      { label: "Get started", href: "/" },
    ),
    Divider: leaf("Divider", "Divider", {}, {}),
    Spacer: leaf(
      "Spacer",
      "Spacer",
      { size: { type: "number", label: "Height (px)", min: 0, max: 200 } },
      { size: 16 },
    ),
    Video: leaf(
      "Video",
      "Video",
      {
        url: { type: "text", label: "Video URL (YouTube, Vimeo, Loom, Wistia)" },
        title: { type: "text", label: "Title" },
      },
      { url: "", title: "" },
    ),
    Columns: {
      label: "Columns",
      fields: {
        count: {
          type: "select",
          label: "Columns",
          options: [1, 2, 3, 4].map((n) => ({ label: String(n), value: n })),
        },
        column1: column,
        column2: column,
        column3: column,
        column4: column,
      },
      defaultProps: { count: 2, column1: [], column2: [], column3: [], column4: [] },
      render: (p: ColumnsProps) => {
        const slots = [p.column1, p.column2, p.column3, p.column4].slice(0, p.count);
        return (
          // The renderer's .nc-cols grid, drawn here around Puck's drop zones.
          <div
            style={{
              display: "grid",
              gap: "1em",
              gridTemplateColumns: "repeat(auto-fit, minmax(8em, 1fr))",
            }}
          >
            {slots.map((Slot, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position
              <Slot key={i} minEmptyHeight={64} />
            ))}
          </div>
        );
      },
    },
  },
} as unknown as Config;
