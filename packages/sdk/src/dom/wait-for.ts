/** How long a tooltip waits for its anchor before giving up quietly. */
export const ANCHOR_TIMEOUT_MS = 10_000;

/**
 * Calls `found` with the first element matching `selector`, now or when it appears (watched with
 * a MutationObserver, never polled), or `giveUp` after `timeout`. An invalid selector gives up at
 * once. Returns a cancel function.
 */
export function waitFor(
  selector: string,
  found: (el: Element) => void,
  giveUp: () => void,
  timeout = ANCHOR_TIMEOUT_MS,
): () => void {
  let el: Element | null;
  try {
    el = document.querySelector(selector);
  } catch {
    giveUp();
    return () => {};
  }
  if (el) {
    found(el);
    return () => {};
  }
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const observer = new MutationObserver(() => {
    const match = document.querySelector(selector);
    if (match) {
      stop();
      found(match);
    }
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["id", "class"],
  });
  const timer = setTimeout(() => {
    stop();
    giveUp();
  }, timeout);
  return stop;
}
