import type { CSSProperties } from "react";
import { useState } from "react";
import type { PreviewMessage } from "./load-sdk";
import { placementStyle } from "./mock-placement";
import { MockStepCard } from "./mock-step-card";

type Ended = null | "dismissed" | "completed" | "clicked";
const endedText: Record<Exclude<Ended, null>, string> = {
  dismissed: "Dismissed (×). On a site this records message_dismiss.",
  completed: "Done. On a site this records message_complete.",
  clicked: "Button clicked. On a site this records message_cta_click and opens the link.",
};

/**
 * Stand-in renderer used until the SDK's `preview()` is available: the same steps, positions,
 * theme and buttons (Next → / Done / ×), with nothing sent anywhere.
 */
export function MockPreview({ message }: { message: PreviewMessage }) {
  const [index, setIndex] = useState(0);
  const [ended, setEnded] = useState<Ended>(null);
  const step = message.steps[Math.min(index, message.steps.length - 1)];
  if (!step) return null;
  if (ended) {
    return (
      <div style={endedStyle} role="status">
        <strong>Flow ended</strong>
        <span>{endedText[ended]}</span>
        <button
          type="button"
          style={replayStyle}
          onClick={() => {
            setIndex(0);
            setEnded(null);
          }}
        >
          Replay
        </button>
      </div>
    );
  }
  const last = index >= message.steps.length - 1;
  const { backdrop, box } = placementStyle(step, message.appearance);
  return (
    <>
      {backdrop && <div style={backdropStyle} />}
      <div style={box}>
        <MockStepCard
          step={step}
          appearance={message.appearance}
          position={{ index, count: message.steps.length }}
          onNext={last ? () => setEnded("completed") : () => setIndex(index + 1)}
          onDismiss={() => setEnded("dismissed")}
          onCta={() => setEnded("clicked")}
        />
      </div>
    </>
  );
}

const backdropStyle: CSSProperties = {
  position: "absolute",
  inset: 0,
  background: "rgba(15, 23, 42, 0.45)",
};
const endedStyle: CSSProperties = {
  position: "absolute",
  inset: 0,
  display: "flex",
  flexDirection: "column",
  gap: 8,
  alignItems: "center",
  justifyContent: "center",
  textAlign: "center",
  padding: 24,
  fontSize: 14,
};
const replayStyle: CSSProperties = {
  marginTop: 8,
  padding: "6px 14px",
  borderRadius: 8,
  border: "1px solid #cbd5e1",
  background: "#fff",
  color: "#1e293b",
  cursor: "pointer",
  font: "inherit",
};
