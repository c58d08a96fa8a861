import { contentStyles, domBuilder, renderContent } from "@nudge/content";
import type { BlockDocument } from "@nudge/schema";
import { useEffect, useRef } from "react";

/**
 * A block document drawn by the renderer the SDK and the render endpoint use (content's
 * domBuilder, in a shadow root with the content stylesheet), so what the author sees here is
 * the markup their users get. Never innerHTML: nodes and text nodes only.
 */
export function RenderedContent({
  doc,
  label,
  inert = false,
}: {
  doc: BlockDocument;
  label?: string;
  /** On the editor's canvas: a click selects the block instead of following its link. */
  inert?: boolean;
}) {
  const host = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
    const style = el.ownerDocument.createElement("style");
    style.textContent = contentStyles;
    root.replaceChildren(style, renderContent(doc, domBuilder<Node>(el.ownerDocument)));
  }, [doc]);
  return <section ref={host} data-testid="rendered-content" aria-label={label} inert={inert} />;
}
