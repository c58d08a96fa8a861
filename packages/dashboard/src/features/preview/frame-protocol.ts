import type { PreviewMessage } from "./load-sdk";

/**
 * The editor and the preview page render messages inside an iframe (`/preview-frame`), so the
 * SDK's overlays cover a sandboxed page, not the dashboard. They talk by postMessage, same
 * origin only.
 */
export type ToFrame = { type: "nudge-preview:show"; message: PreviewMessage; replay: number };
export type FromFrame =
  | { type: "nudge-preview:ready" }
  | { type: "nudge-preview:ended" }
  | { type: "nudge-preview:renderer"; renderer: "sdk" | "mock" };

export const framePath = "/preview-frame";

export function isFromFrame(data: unknown): data is FromFrame {
  return (
    typeof data === "object" &&
    data !== null &&
    String((data as { type?: unknown }).type).startsWith("nudge-preview:") &&
    (data as { type: string }).type !== "nudge-preview:show"
  );
}

export function isToFrame(data: unknown): data is ToFrame {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { type?: unknown }).type === "nudge-preview:show"
  );
}
