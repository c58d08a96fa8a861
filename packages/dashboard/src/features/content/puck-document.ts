import type { Block, BlockDocument, LeafBlock } from "@nudge/schema";

/**
 * Puck's data and the stored block document have the same shape (SPEC §8) except for Columns:
 * Puck edits each column as a slot prop (`column1` … `column4`, `count` of them shown), the
 * document keeps `columns: [[blocks], …]`. Everything else Puck adds (zones, unknown props)
 * is dropped, so what is saved is exactly what the schema accepts.
 */
export const maxColumns = 4;
const columnKeys = ["column1", "column2", "column3", "column4"] as const;

export interface PuckItem {
  type: string;
  props: Record<string, unknown>;
}
export interface PuckData {
  root: { props?: Record<string, unknown> };
  content: PuckItem[];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown, fallback: number) =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const id = (p: Record<string, unknown>) => str(p.id);

function leafOf(item: PuckItem): LeafBlock | null {
  const p = item.props ?? {};
  switch (item.type) {
    case "Heading":
      return { type: "Heading", props: { id: id(p), text: str(p.text), level: num(p.level, 2) } };
    case "Text":
      return {
        type: "Text",
        props: { id: id(p), text: Array.isArray(p.text) ? p.text : str(p.text) },
      } as LeafBlock;
    case "Image":
      return { type: "Image", props: { id: id(p), src: str(p.src), alt: str(p.alt) } };
    case "Button":
      return { type: "Button", props: { id: id(p), label: str(p.label), href: str(p.href) } };
    case "Divider":
      return { type: "Divider", props: { id: id(p) } };
    case "Spacer":
      return { type: "Spacer", props: { id: id(p), size: num(p.size, 16) } };
    case "Video":
      return { type: "Video", props: { id: id(p), url: str(p.url), title: str(p.title) } };
    default:
      return null;
  }
}

const leaves = (list: unknown): LeafBlock[] =>
  (Array.isArray(list) ? (list as PuckItem[]) : []).flatMap((item) => leafOf(item) ?? []);

function blockOf(item: PuckItem): Block | null {
  if (item.type !== "Columns") return leafOf(item);
  const p = item.props ?? {};
  const count = Math.min(Math.max(Math.trunc(num(p.count, 2)), 1), maxColumns);
  return {
    type: "Columns",
    props: { id: id(p), columns: columnKeys.slice(0, count).map((key) => leaves(p[key])) },
  };
}

/** What the editor produced, as the step's stored content. */
export function documentOfPuck(data: PuckData): BlockDocument {
  const root = Object.fromEntries(
    Object.entries(data.root?.props ?? {}).filter(
      ([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean",
    ),
  ) as BlockDocument["root"]["props"];
  return { root: { props: root }, content: data.content.flatMap((item) => blockOf(item) ?? []) };
}

/** A step's content (or nothing yet) as the editor's data. */
export function puckOfDocument(doc: BlockDocument | undefined): PuckData {
  const content = (doc?.content ?? []).map((block): PuckItem => {
    if (block.type !== "Columns") return { type: block.type, props: { ...block.props } };
    const { columns, id: blockId } = block.props;
    const props: Record<string, unknown> = { id: blockId, count: columns.length };
    for (const [i, key] of columnKeys.entries()) props[key] = columns[i] ?? [];
    return { type: "Columns", props };
  });
  return { root: { props: { ...(doc?.root.props ?? {}) } }, content };
}
