/** The focused element, looking through (open) shadow roots. */
export function deepActive(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

/** Keeps Tab and Shift+Tab cycling inside `card` (a modal: nothing behind it is reachable). */
export function trapTab(event: KeyboardEvent, card: HTMLElement): void {
  // Every card has at least one button (Next, Done or the CTA).
  const items = card.querySelectorAll<HTMLElement>("button,a[href]");
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = (card.getRootNode() as ShadowRoot).activeElement;
  const wrapTo = event.shiftKey
    ? (active === first || active === card) && last
    : active === last && first;
  if (wrapTo) {
    event.preventDefault();
    wrapTo.focus();
  }
}

/**
 * Makes everything in <body> but our host inert (unreachable and unclickable) while a modal is
 * open; returns the undo, which touches only the elements it changed.
 */
export function inertOthers(host: Element): () => void {
  const changed = [...(document.body?.children ?? [])].filter(
    (el): el is HTMLElement => el !== host && el instanceof HTMLElement && !el.inert,
  );
  for (const el of changed) el.inert = true;
  return () => {
    for (const el of changed) el.inert = false;
  };
}
