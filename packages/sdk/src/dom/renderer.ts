import type { Renderer, StepActions, StepHandle, StepView } from "../core/platform.js";
import { buildCard } from "./card.js";
import { deepActive, inertOthers, trapTab } from "./focus.js";
import { loadContent } from "./load-content.js";
import type { Mount } from "./mount.js";
import { anchorTooltip } from "./tooltip.js";

/** Placement classes; the stylesheet knows the rest. */
function placeOf(type: string, position = "center"): string {
  if (type === "banner") return position.startsWith("bottom") ? "bottom" : "top";
  if (type !== "slideout") return "";
  return position === "top" ? "top" : position === "bottom-left" ? "left" : "";
}

/**
 * Renders steps into the shadow root. Every card is a manual popover where supported, so it sits
 * in the browser's top layer: above any z-index and out of transformed or clipped ancestors.
 */
export function createRenderer(mount: Mount, host: string, locale?: () => unknown): Renderer {
  const draw = (
    view: StepView,
    actions: StepActions,
    dress?: (card: HTMLElement, body: HTMLElement) => void,
  ): StepHandle | null => {
    const { campaign, step, focus } = view;
    const root = mount.root();
    if (!root) return null;
    const { theme = "light", position, backgroundColor, textColor } = campaign.appearance;
    const card = buildCard(view, actions, dress);
    const modal = step.type === "modal";
    card.classList.add(theme);
    const place = placeOf(step.type, position);
    if (place) card.classList.add(place);
    // CSSOM, not a style attribute: allowed by a strict style-src.
    if (backgroundColor) card.style.setProperty("--bg", backgroundColor);
    if (textColor) card.style.setProperty("--fg", textColor);
    const popover = typeof card.showPopover === "function";
    if (popover) card.popover = "manual";
    const open = (visible: boolean) => {
      if (!popover) card.hidden = !visible;
      else if (visible !== card.matches(":popover-open")) {
        visible ? card.showPopover() : card.hidePopover();
      }
    };
    let opener: HTMLElement | null = null;
    let restoreInert = () => {};
    let closed = false;
    const enter = () => {
      if (closed) return;
      opener = deepActive();
      card.focus({ preventScroll: true });
    };
    card.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && step.dismissible !== false) {
        event.stopPropagation();
        actions.dismiss();
      } else if (event.key === "Tab" && modal) {
        trapTab(event, card);
      }
    });
    root.append(card);

    let stop = () => {};
    if (step.type === "tooltip") {
      card.hidden = !popover;
      stop = anchorTooltip(
        String(step.selector),
        card,
        open,
        (anchor) => {
          if (closed) return;
          if (focus) {
            anchor.scrollIntoView?.({ block: "nearest" });
            enter();
          }
          actions.shown();
        },
        actions.abandon,
      );
    } else {
      open(true);
      if (modal) restoreInert = inertOthers(mount.host()!);
      if (modal || focus) enter();
      actions.shown();
    }
    return {
      close() {
        closed = true;
        stop();
        restoreInert();
        const hadFocus = card.contains(root.activeElement);
        card.remove();
        if (hadFocus && opener?.isConnected) opener.focus({ preventScroll: true });
      },
    };
  };
  return {
    show(view, actions) {
      const root = mount.root();
      if (!root || (!view.step.content && !view.step.translations)) return draw(view, actions);
      // Rich or translated steps wait for the content chunk; if it cannot load (or throws),
      // the step shows its plain fields. Like a tooltip's anchor, it reports `shown` when drawn.
      let handle: StepHandle | null | undefined;
      let closed = false;
      loadContent(host)
        .then((chunk) => chunk.dress(view, root, locale?.(), actions))
        .catch(() => ({ view, dress: undefined }))
        .then((dressed) => {
          if (closed) return;
          handle = draw(dressed.view, actions, dressed.dress);
          if (!handle) actions.abandon();
        })
        .catch(actions.abandon);
      return {
        close() {
          closed = true;
          handle?.close();
        },
      };
    },
  };
}
