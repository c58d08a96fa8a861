/**
 * addEventListener that returns its own removal and contains errors: a bug of ours in a
 * listener must never surface as an uncaught error on the host page.
 */
export function listen(
  target: EventTarget,
  type: string,
  fn: (event: Event) => void,
  onError: (error: unknown) => void,
  capture = false,
): () => void {
  const safe = (event: Event) => {
    try {
      fn(event);
    } catch (error) {
      onError(error);
    }
  };
  target.addEventListener(type, safe, { capture, passive: true });
  return () => target.removeEventListener(type, safe, { capture });
}
