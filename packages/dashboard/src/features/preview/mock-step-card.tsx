import type { Step } from "@nudge/schema";
import type { CSSProperties } from "react";
import type { PreviewMessage } from "./load-sdk";

interface Props {
  step: Step;
  appearance: PreviewMessage["appearance"];
  position: { index: number; count: number };
  onNext: () => void;
  onDismiss: () => void;
  onCta: () => void;
}

function colors(appearance: PreviewMessage["appearance"]) {
  const dark = appearance.theme === "dark";
  return {
    bg: appearance.backgroundColor || (dark ? "#1f2937" : "#ffffff"),
    fg: appearance.textColor || (dark ? "#f9fafb" : "#111827"),
    muted: dark ? "#9ca3af" : "#6b7280",
  };
}

/** One step as the SDK draws it: ×, image, title, body, button, Next → / Done and progress. */
export function MockStepCard({ step, appearance, position, onNext, onDismiss, onCta }: Props) {
  const c = colors(appearance);
  const banner = step.type === "banner";
  const last = position.index >= position.count - 1;
  const card: CSSProperties = {
    position: "relative",
    background: c.bg,
    color: c.fg,
    borderRadius: banner ? 0 : step.type === "tooltip" ? 10 : 14,
    boxShadow: "0 18px 40px rgba(15, 23, 42, 0.22)",
    padding: banner ? "12px 48px 12px 20px" : "20px 22px 18px",
    width: step.type === "modal" ? "min(420px, 100%)" : "100%",
    fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    display: banner ? "flex" : "block",
    alignItems: "center",
    gap: 16,
  };
  return (
    <div role="dialog" aria-label={step.title || "Message preview"} style={card}>
      {step.type === "tooltip" && <span aria-hidden style={{ ...arrow, background: c.bg }} />}
      {step.dismissible && (
        <button
          type="button"
          aria-label="Close"
          onClick={onDismiss}
          style={{ ...closeStyle, color: c.muted }}
        >
          ×
        </button>
      )}
      {step.imageUrl && !banner && <img src={step.imageUrl} alt="" style={imageStyle} />}
      <div style={{ flex: 1, minWidth: 0 }}>
        {step.title && (
          <div
            style={{
              fontWeight: 650,
              fontSize: banner ? 15 : 17,
              marginBottom: 4,
              paddingRight: banner ? 0 : 20,
            }}
          >
            {step.title}
          </div>
        )}
        {step.body && (
          <div style={{ fontSize: 14, lineHeight: 1.5, whiteSpace: "pre-wrap" }}>{step.body}</div>
        )}
      </div>
      <div
        style={{
          display: "flex",
          alignItems: "center",
          gap: 8,
          marginTop: banner ? 0 : 16,
          justifyContent: "flex-end",
        }}
      >
        {position.count > 1 && !banner && (
          <span style={{ marginRight: "auto", fontSize: 12, color: c.muted }}>
            {position.index + 1} / {position.count}
          </span>
        )}
        {step.ctaText && (
          <button
            type="button"
            onClick={onCta}
            style={{ ...buttonStyle, background: "#4263eb", color: "#fff", border: "none" }}
          >
            {step.ctaText}
          </button>
        )}
        {(position.count > 1 || !step.ctaText) && (
          <button
            type="button"
            onClick={onNext}
            style={{
              ...buttonStyle,
              background: "transparent",
              color: c.fg,
              border: `1px solid ${c.muted}`,
            }}
          >
            {last ? "Done" : "Next →"}
          </button>
        )}
      </div>
    </div>
  );
}

const closeStyle: CSSProperties = {
  position: "absolute",
  top: 8,
  right: 10,
  border: "none",
  background: "transparent",
  fontSize: 22,
  lineHeight: 1,
  cursor: "pointer",
  padding: 4,
};
const buttonStyle: CSSProperties = {
  padding: "7px 14px",
  borderRadius: 8,
  fontSize: 14,
  fontWeight: 600,
  cursor: "pointer",
  font: "inherit",
};
const imageStyle: CSSProperties = {
  width: "100%",
  maxHeight: 160,
  objectFit: "cover",
  borderRadius: 8,
  marginBottom: 12,
};
const arrow: CSSProperties = {
  position: "absolute",
  top: -6,
  left: 24,
  width: 12,
  height: 12,
  transform: "rotate(45deg)",
};
