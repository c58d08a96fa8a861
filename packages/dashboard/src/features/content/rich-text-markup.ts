import type { InlineRun, RichText } from "@nudge/schema";

/**
 * The Text block's editing form: a tiny Markdown-like markup the author types, parsed into the
 * structured runs the schema stores (never HTML, so nothing typed can become an element).
 * `**bold**`, `*italic*`, `[label](https://…)`; a line starting with `- ` is a bullet, `1. ` a
 * numbered item; every other non-empty line is a paragraph. `\` escapes a marker character.
 */
const special = /[\\*[\]()]/g;
const escapeMarkers = (text: string) => text.replace(special, (c) => `\\${c}`);

function runMarkup(r: InlineRun): string {
  let out = escapeMarkers(r.text);
  if (r.italic) out = `*${out}*`;
  if (r.bold) out = `**${out}**`;
  if (r.href !== undefined) out = `[${out}](${r.href.replace(/[\\)]/g, (c) => `\\${c}`)})`;
  return out;
}

const lineMarkup = (runs: InlineRun[]) => runs.map(runMarkup).join("");

/** Rich text (or the plain string form) as markup. */
export function richTextToMarkup(text: RichText | string): string {
  if (typeof text === "string") return text;
  const lines: string[] = [];
  for (const block of text) {
    if (block.type === "paragraph") lines.push(lineMarkup(block.children));
    else {
      for (const [i, item] of block.items.entries())
        lines.push(`${block.ordered ? `${i + 1}.` : "-"} ${lineMarkup(item)}`);
    }
  }
  return lines.join("\n");
}

interface Style {
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

/** Splits one line into runs; markers that do not close are kept as text. */
function parseLine(line: string, style: Style = {}): InlineRun[] {
  const runs: InlineRun[] = [];
  let text = "";
  const flush = () => {
    if (text) runs.push({ text, ...style });
    text = "";
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "\\" && i + 1 < line.length) {
      text += line[i + 1];
      i += 2;
      continue;
    }
    const close = (marker: string, from: number) => findClose(line, marker, from);
    if (line.startsWith("**", i) && !style.bold) {
      const end = close("**", i + 2);
      if (end > i + 2) {
        flush();
        runs.push(...parseLine(line.slice(i + 2, end), { ...style, bold: true }));
        i = end + 2;
        continue;
      }
    }
    if (c === "*" && !style.italic && !line.startsWith("**", i)) {
      const end = close("*", i + 1);
      if (end > i + 1) {
        flush();
        runs.push(...parseLine(line.slice(i + 1, end), { ...style, italic: true }));
        i = end + 1;
        continue;
      }
    }
    if (c === "[" && style.href === undefined) {
      const mid = close("](", i + 1);
      const end = mid > 0 ? close(")", mid + 2) : -1;
      if (mid > i + 1 && end > mid + 2) {
        flush();
        const href = line
          .slice(mid + 2, end)
          .trim()
          .replace(/\\(.)/g, "$1");
        runs.push(...parseLine(line.slice(i + 1, mid), { ...style, href }));
        i = end + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return runs;
}

/** The index of the next unescaped `marker` at or after `from`, or -1. */
function findClose(line: string, marker: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") {
      i += 1;
      continue;
    }
    if (!line.startsWith(marker, i)) continue;
    // `***x***` is bold around italic: a bold close takes the last two stars of the run.
    if (marker === "**" && line[i + 2] === "*") continue;
    if (marker === "*" && line[i + 1] === "*") {
      i += 1;
      continue;
    }
    return i;
  }
  return -1;
}

const bullet = /^\s*[-*]\s+(.*)$/;
const numbered = /^\s*\d+[.)]\s+(.*)$/;

/** Markup as rich text: consecutive list lines of one kind make one list. */
export function markupToRichText(markup: string): RichText {
  const out: RichText = [];
  for (const raw of markup.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const b = bullet.exec(raw);
    const n = b ? null : numbered.exec(raw);
    const item = b?.[1] ?? n?.[1];
    if (item === undefined) {
      out.push({ type: "paragraph", children: parseLine(raw.trim()) });
      continue;
    }
    const ordered = n !== null;
    const last = out.at(-1);
    if (last?.type === "list" && (last.ordered ?? false) === ordered)
      last.items.push(parseLine(item));
    else
      out.push({ type: "list", ...(ordered ? { ordered: true } : {}), items: [parseLine(item)] });
  }
  return out;
}
