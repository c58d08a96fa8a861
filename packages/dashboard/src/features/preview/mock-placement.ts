import type { Step } from "@nudge/schema";
import type { CSSProperties } from "react";
import type { PreviewMessage } from "./load-sdk";

/** Where a step sits on the stage, following the SDK's slots: overlay, banner edge, anchor. */
export function placementStyle(
  step: Step,
  appearance: PreviewMessage["appearance"],
): { backdrop: boolean; box: CSSProperties } {
  const base: CSSProperties = { position: "absolute", zIndex: 2 };
  const pos = appearance.position;
  switch (step.type) {
    case "modal":
      return {
        backdrop: true,
        box: {
          ...base,
          inset: 0,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          padding: 16,
        },
      };
    case "banner":
      return {
        backdrop: false,
        box: {
          ...base,
          left: 0,
          right: 0,
          ...(pos === "bottom" || pos === "bottom-left" || pos === "bottom-right"
            ? { bottom: 0 }
            : { top: 0 }),
        },
      };
    case "slideout":
      return {
        backdrop: false,
        box: {
          ...base,
          bottom: 16,
          ...(pos === "bottom-left" ? { left: 16 } : { right: 16 }),
          width: "min(340px, calc(100% - 32px))",
        },
      };
    case "tooltip":
      return {
        backdrop: false,
        box: { ...base, top: "calc(38% + 56px)", left: 24, width: "min(300px, calc(100% - 48px))" },
      };
  }
}
