import type { Step } from "@nudge/schema";

/** What the preview hands the SDK: the message as a site receives it. */
export interface PreviewMessage {
  id: string;
  name: string;
  priority: number;
  trigger: unknown;
  frequency: unknown;
  appearance: { position: string; theme: string; backgroundColor?: string; textColor?: string };
  steps: Step[];
}

export interface PreviewOptions {
  container: HTMLElement;
  onEnd?: () => void;
}

type SdkPreview = (message: PreviewMessage, options: PreviewOptions) => unknown;

let loading: Promise<SdkPreview | null> | null = null;

/**
 * The SDK's `preview(message, options)`, which renders exactly as on a site with a no-op
 * tracker; null while the SDK does not provide it (the caller falls back to MockPreview).
 */
export function loadSdkPreview(): Promise<SdkPreview | null> {
  loading ??= import("@nudge/sdk").then(
    (mod: Record<string, unknown>) =>
      typeof mod.preview === "function" ? (mod.preview as SdkPreview) : null,
    () => null,
  );
  return loading;
}

/** Tears down whatever `preview()` returned: a function, or an object with close/destroy. */
export function disposePreview(handle: unknown): void {
  try {
    if (typeof handle === "function") return void handle();
    if (handle && typeof handle === "object") {
      const h = handle as Record<string, unknown>;
      for (const name of ["close", "destroy", "unmount", "dispose"]) {
        if (typeof h[name] === "function") return void (h[name] as () => void).call(handle);
      }
    }
  } catch {
    // A failing teardown must not break the preview; the next render starts clean.
  }
}
