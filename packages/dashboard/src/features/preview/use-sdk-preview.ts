import { useEffect, useRef, useState } from "react";
import { disposePreview, loadSdkPreview, type PreviewMessage } from "./load-sdk";

/**
 * Renders `message` with the SDK's `preview()` into this document, re-rendering (debounced) when
 * it changes or `replay` is bumped. Reports "mock" when the SDK has no preview, so the caller can
 * draw MockPreview instead.
 */
export function useSdkPreview(
  message: PreviewMessage | null,
  replay: number,
  onEnd: () => void,
): "loading" | "sdk" | "mock" {
  const [state, setState] = useState<"loading" | "sdk" | "mock">("loading");
  const json = message ? JSON.stringify(message) : null;
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  useEffect(() => {
    let alive = true;
    void loadSdkPreview().then((fn) => alive && setState(fn ? "sdk" : "mock"));
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (state !== "sdk" || json === null || replay < 0) return;
    let handle: unknown;
    let live = true;
    const timer = window.setTimeout(() => {
      void loadSdkPreview().then((fn) => {
        if (!fn || !live) return;
        handle = fn(JSON.parse(json) as PreviewMessage, {
          container: document.body,
          // Closing a stale render also "ends" it; only the current one reports.
          onEnd: () => live && endRef.current(),
        });
      });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
      disposePreview(handle);
    };
  }, [state, json, replay]);

  return state;
}
