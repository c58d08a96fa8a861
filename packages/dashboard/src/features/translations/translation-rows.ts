import type {
  Block,
  BlockDocument,
  LeafBlock,
  RichText,
  Step,
  StepTranslation,
} from "@nudge/schema";

/** A translatable text of a step: one of its fields, or one text of one content block. */
export interface TranslationRow {
  key: string;
  label: string;
  /** `rich`: a Text block's rich text; `url`: a link, often the same in every locale. */
  kind: "text" | "long" | "rich" | "url";
  source: string | RichText;
  get(t: StepTranslation | undefined): string | RichText | undefined;
  set(t: StepTranslation | undefined, value: string | RichText, step: Step): StepTranslation;
}

type Field = "title" | "body" | "ctaText" | "ctaUrl";
const fieldRows: { field: Field; label: string; kind: TranslationRow["kind"] }[] = [
  { field: "title", label: "Title", kind: "text" },
  { field: "body", label: "Body", kind: "long" },
  { field: "ctaText", label: "Button label", kind: "text" },
  { field: "ctaUrl", label: "Button link", kind: "url" },
];

type BlockField = { name: string; label: string; kind: TranslationRow["kind"] };
const blockFields: Partial<Record<LeafBlock["type"], BlockField[]>> = {
  Heading: [{ name: "text", label: "Heading", kind: "text" }],
  Text: [{ name: "text", label: "Text", kind: "rich" }],
  Button: [
    { name: "label", label: "Button label", kind: "text" },
    { name: "href", label: "Button link", kind: "url" },
  ],
  Image: [{ name: "alt", label: "Image alt text", kind: "text" }],
  Video: [{ name: "title", label: "Video title", kind: "text" }],
};

/** Every leaf block of a document, columns included, in reading order. */
function leavesOf(doc: BlockDocument | undefined): LeafBlock[] {
  return (doc?.content ?? []).flatMap((b: Block) =>
    b.type === "Columns" ? b.props.columns.flat() : [b],
  );
}

const propOf = (block: LeafBlock | undefined, name: string) =>
  (block?.props as Record<string, unknown> | undefined)?.[name] as string | RichText | undefined;

/**
 * The translated document for one edit: the source's structure (so blocks added or moved in
 * the editor appear in every locale), each block's texts from the translation where it has
 * them and from the source where not, and the edited text set.
 */
function translatedDocument(
  source: BlockDocument,
  current: BlockDocument | undefined,
  blockId: string,
  name: string,
  value: string | RichText,
): BlockDocument {
  const translated = new Map(leavesOf(current).map((b) => [b.props.id, b]));
  const leaf = (b: LeafBlock): LeafBlock => {
    const props: Record<string, unknown> = { ...b.props };
    for (const f of blockFields[b.type] ?? []) {
      const t = propOf(translated.get(b.props.id), f.name);
      if (t !== undefined) props[f.name] = t;
    }
    if (b.props.id === blockId) props[name] = value;
    return { ...b, props } as LeafBlock;
  };
  return {
    root: source.root,
    content: source.content.map((b) =>
      b.type === "Columns"
        ? { ...b, props: { ...b.props, columns: b.props.columns.map((c) => c.map(leaf)) } }
        : leaf(b),
    ),
  };
}

/** The rows of a step's translation grid: its texts, then each content block's texts. */
export function translationRows(step: Step): TranslationRow[] {
  const rows: TranslationRow[] = [];
  for (const { field, label, kind } of fieldRows) {
    const source = step[field];
    if (!source) continue;
    rows.push({
      key: field,
      label,
      kind,
      source,
      get: (t) => t?.[field],
      set: (t, value) => ({ ...t, [field]: value as string }),
    });
  }
  const doc = step.content;
  if (!doc) return rows;
  for (const [i, block] of leavesOf(doc).entries()) {
    for (const f of blockFields[block.type] ?? []) {
      const source = propOf(block, f.name);
      if (source === undefined || source === "") continue;
      rows.push({
        key: `content.${block.props.id}.${f.name}`,
        label: `${f.label} (block ${i + 1})`,
        kind: f.kind,
        source,
        get: (t) =>
          propOf(
            leavesOf(t?.content).find((b) => b.props.id === block.props.id),
            f.name,
          ),
        set: (t, value, s) => ({
          ...t,
          content: translatedDocument(s.content ?? doc, t?.content, block.props.id, f.name, value),
        }),
      });
    }
  }
  return rows;
}

const isEmpty = (v: string | RichText | undefined) =>
  v === undefined || (typeof v === "string" ? v.trim() === "" : v.length === 0);

/**
 * A text readers of that locale would get in the default language: not translated, empty, or
 * (for texts, not links) a copy of the default. Links may rightly stay the same.
 */
export function isMissing(row: TranslationRow, t: StepTranslation | undefined): boolean {
  const value = row.get(t);
  if (isEmpty(value)) return row.kind !== "url";
  return row.kind !== "url" && JSON.stringify(value) === JSON.stringify(row.source);
}
