import css from "./styles.css";

export interface Mount {
  /** The shadow root, created on first use; null where Shadow DOM is unavailable. */
  root(): ShadowRoot | null;
  host(): HTMLElement | null;
  remove(): void;
}

/**
 * One host element on <body> with an open shadow root: the page's CSS cannot reach in, ours
 * cannot leak out, and hosts can still theme through custom properties and ::part().
 */
export function createMount(): Mount {
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  return {
    root() {
      if (!shadow) {
        const el = document.createElement("nudge-root");
        if (typeof el.attachShadow !== "function") return null;
        shadow = el.attachShadow({ mode: "open" });
        host = el;
        try {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          shadow.adoptedStyleSheets = [sheet];
        } catch {
          // No constructable stylesheets (very old browsers): unstyled but usable.
        }
      }
      // Frameworks that re-render <body> may have dropped us; come back.
      if (!host!.isConnected) (document.body ?? document.documentElement).append(host!);
      return shadow;
    },
    host: () => host,
    remove() {
      host?.remove();
      host = shadow = null;
    },
  };
}
