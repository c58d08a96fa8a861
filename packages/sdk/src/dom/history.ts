type Method = "pushState" | "replaceState";

/**
 * Calls `changed` after every pushState/replaceState. The wrapper calls whatever function was
 * there before (a host's own wrapper included), and a host wrapping after us calls ours, so both
 * chains stay intact. On undo the original comes back only if ours is still the outermost;
 * otherwise ours stays in the host's chain as a silent pass-through.
 */
export function watchHistory(changed: () => void): () => void {
  let active = true;
  const undos = (["pushState", "replaceState"] as Method[]).map((name) => {
    const original = history[name];
    if (typeof original !== "function") return () => {};
    // Usually the method lives on History.prototype: then undo deletes our own property
    // instead of leaving a copy that would hide later changes to the prototype.
    const own = Object.hasOwn(history, name);
    const wrapper = function (this: History, ...args: Parameters<History[Method]>) {
      const result = original.apply(this, args);
      if (active) {
        try {
          changed();
        } catch {
          // never break navigation
        }
      }
      return result;
    };
    try {
      history[name] = wrapper;
    } catch {
      return () => {};
    }
    return () => {
      if (history[name] !== wrapper) return;
      if (own) history[name] = original;
      else delete (history as Partial<History>)[name];
    };
  });
  return () => {
    active = false;
    for (const undo of undos) undo();
  };
}
