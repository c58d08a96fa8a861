import type { StepActions, StepView } from "../core/platform.js";
import { isSafeUrl } from "./safe-url.js";

let ids = 0;

/** createElement with a class and ::part() names; text only through textContent. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  part: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.setAttribute("part", part);
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, part: string, className: string, onClick: () => void) {
  const b = el("button", className, part, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/**
 * The DOM of one step, built node by node (no innerHTML, so nothing in a message can become
 * markup and Trusted Types has nothing to object to); `dress` adds the content chunk's part.
 * Parts: dialog (+ the step type), close, image, title, body, actions, progress, cta, next, done.
 */
export function buildCard(
  view: StepView,
  actions: StepActions,
  dress?: (card: HTMLElement, body: HTMLElement) => void,
): HTMLElement {
  const { step, index, campaign } = view;
  const total = campaign.steps.length;
  const last = index === total - 1;
  const type = step.type;
  const card = el("div", `n ${type}`, `dialog ${type}`);
  const n = ++ids;
  card.setAttribute("role", "dialog");
  if (type === "modal") card.setAttribute("aria-modal", "true");
  card.tabIndex = -1;

  if (step.dismissible !== false) {
    const close = button("×", "close", "x", actions.dismiss);
    close.setAttribute("aria-label", "Close");
    card.append(close);
  }
  if (isSafeUrl(step.imageUrl)) {
    const img = el("img", "", "image");
    img.alt = "";
    img.src = step.imageUrl;
    card.append(img);
  }
  if (step.title) {
    const title = el("h2", "", "title", step.title);
    title.id = `nudge-t${n}`;
    card.append(title);
    card.setAttribute("aria-labelledby", title.id);
  } else {
    card.setAttribute("aria-label", campaign.name);
  }
  const body = el("div", "", "body");
  body.id = `nudge-b${n}`;
  for (const line of String(step.body ?? "").split(/\n+/)) {
    if (line.trim()) body.append(el("p", "", "text", line));
  }
  card.append(body);
  card.setAttribute("aria-describedby", body.id);
  dress?.(card, body);

  const row = el("div", "a", "actions");
  if (total > 1) row.append(el("span", "", "progress", `${index + 1} / ${total}`));
  const cta = step.ctaText ? ctaOf(step.ctaText, step.ctaUrl, actions.cta) : null;
  if (cta) row.append(cta);
  // Secondary look when a CTA is the primary action of the step.
  const look = cta ? "b s" : "b";
  if (!last) row.append(button("Next →", "next", look, actions.next));
  else if (total > 1 || !cta) row.append(button("Done", "done", look, actions.done));
  card.append(row);
  return card;
}

/** A link when there is a safe URL (same tab on this origin, a new tab elsewhere), else a button. */
function ctaOf(text: string, url: string | undefined, onClick: () => void): HTMLElement {
  if (!isSafeUrl(url)) return button(text, "cta", "b", onClick);
  const a = el("a", "b", "cta", text);
  a.href = url;
  if (a.origin !== location.origin) {
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  a.addEventListener("click", onClick);
  return a;
}
