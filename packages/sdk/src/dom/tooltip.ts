import { autoUpdate, computePosition, type Middleware } from "@floating-ui/dom";
import { waitFor } from "./wait-for.js";

const GAP = 10;
const PAD = 8;

/**
 * offset + flip + shift for a card in the viewport's coordinates: below the anchor, above it when
 * only that fits, slid sideways to stay PAD px inside the viewport. floating-ui's general
 * middlewares (scroll containers, every placement) would cost 1.4 KB gzip of a 16 KB budget.
 */
export const fit: Middleware = {
  name: "fit",
  fn({ x, rects: { reference: r, floating: f } }) {
    const view = document.documentElement;
    const below = r.y + r.height + GAP;
    const above = r.y - GAP - f.height;
    return {
      x: Math.max(PAD, Math.min(x, view.clientWidth - f.width - PAD)),
      y: below + f.height > view.clientHeight - PAD && above >= PAD ? above : below,
    };
  },
};

/**
 * Shows `card` next to the element `selector` names once it exists, and keeps it there with
 * floating-ui's autoUpdate: scroll, resize and layout-shift observers, no per-frame loop, so an
 * idle tooltip costs nothing. If the anchor is removed (an SPA re-render) it waits for it again.
 * `shown(anchor)` runs after the first placement; `giveUp` when the anchor never comes.
 */
export function anchorTooltip(
  selector: string,
  card: HTMLElement,
  open: (visible: boolean) => void,
  shown: (anchor: Element) => void,
  giveUp: () => void,
): () => void {
  let stopWaiting = () => {};
  let stopPlacing = () => {};
  let first = true;

  const attach = (anchor: Element) => {
    open(true);
    stopPlacing = autoUpdate(anchor, card, () => {
      if (!anchor.isConnected) {
        stopPlacing();
        open(false);
        wait();
        return;
      }
      computePosition(anchor, card, { strategy: "fixed", middleware: [fit] }).then(({ x, y }) => {
        card.style.setProperty("left", `${x}px`);
        card.style.setProperty("top", `${y}px`);
        if (first) {
          first = false;
          shown(anchor);
        }
      });
    });
  };
  const wait = () => {
    stopWaiting = waitFor(selector, attach, giveUp);
  };
  wait();
  return () => {
    stopWaiting();
    stopPlacing();
  };
}
