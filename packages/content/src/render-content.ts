import type { Block, BlockDocument } from "@nudge/schema";
import type { Builder, Tag } from "./builder.js";
import { linkAttrs, renderRichText, str, texts } from "./rich-text.js";
import { isSafeImageUrl, isSafeLinkUrl } from "./safe-url.js";
import { videoEmbedUrl } from "./video.js";

/** A whole number in [min, max], or the fallback for anything else. */
const int = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
    ? value
    : fallback;

type Props = Record<string, unknown>;

function leaf<N>(type: unknown, p: Props, b: Builder<N>): N | null {
  switch (type) {
    case "Heading":
      return b.el(`h${int(p.level, 1, 6, 2)}` as Tag, { class: "nc-h" }, texts(b, str(p.text)));
    case "Text":
      return b.el("div", { class: "nc-text" }, renderRichText(p.text, b));
    case "Image": {
      const src = str(p.src);
      if (!isSafeImageUrl(src)) return null;
      return b.el("img", { class: "nc-img", src, alt: str(p.alt), loading: "lazy" });
    }
    case "Button": {
      const href = str(p.href);
      const label = texts(b, str(p.label));
      // A URL that failed personalization keeps its label, as text without a target.
      if (!isSafeLinkUrl(href)) return b.el("span", { class: "nc-btn" }, label);
      return b.el("a", { class: "nc-btn", ...linkAttrs(href) }, label);
    }
    case "Divider":
      return b.el("hr", { class: "nc-hr" });
    case "Spacer":
      return b.el("div", {
        class: "nc-sp",
        "aria-hidden": "true",
        style: `height:${int(p.size, 0, 200, 16)}px`,
      });
    case "Video": {
      const src = videoEmbedUrl(p.url);
      if (!src) return null;
      return b.el("div", { class: "nc-video" }, [
        b.el("iframe", {
          src,
          title: str(p.title) || "Video",
          loading: "lazy",
          allow: "fullscreen; picture-in-picture; encrypted-media",
          allowfullscreen: "",
          // The player runs in its own origin; it may not navigate the page or open forms.
          sandbox: "allow-scripts allow-same-origin allow-presentation allow-popups",
          // YouTube refuses embeds without a referrer; the origin alone never carries a token.
          referrerpolicy: "strict-origin-when-cross-origin",
        }),
      ]);
    }
    default:
      return null;
  }
}

function block<N>(node: Block, b: Builder<N>): N | null {
  const p: Props = node && typeof node.props === "object" && node.props ? node.props : {};
  if (node?.type !== "Columns") return leaf(node?.type, p, b);
  const columns = Array.isArray(p.columns) ? p.columns.slice(0, 4) : [];
  return b.el(
    "div",
    { class: `nc-cols nc-c${columns.length}` },
    columns.map((column: unknown) =>
      b.el("div", { class: "nc-col" }, blocks(Array.isArray(column) ? column : [], b, false)),
    ),
  );
}

function blocks<N>(list: Block[], b: Builder<N>, allowColumns = true): N[] {
  const out: N[] = [];
  for (const node of list) {
    // Columns hold leaf blocks only (as the schema says), so nesting is one level deep.
    const built = !allowColumns && node?.type === "Columns" ? null : block(node, b);
    if (built !== null) out.push(built);
  }
  return out;
}

/**
 * Renders a block document (SPEC §8) into `<div class="nc">…</div>` through a builder:
 * `renderContent(doc, htmlBuilder)` is a markup string, `renderContent(doc, domBuilder(document))`
 * the same tree as nodes. Unknown blocks, unsafe URLs and videos of other hosts render nothing.
 */
export function renderContent<N>(doc: BlockDocument, b: Builder<N>): N {
  const list = Array.isArray(doc?.content) ? doc.content : [];
  return b.el("div", { class: "nc" }, blocks(list, b));
}
