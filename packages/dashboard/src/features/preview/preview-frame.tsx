import { Box } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { type FromFrame, framePath, isFromFrame, type ToFrame } from "./frame-protocol";
import type { PreviewMessage } from "./load-sdk";

interface Props {
  message: PreviewMessage;
  /** Bump to play the flow again from the first step. */
  replay?: number;
  title: string;
  height: number | string;
  onEnded?: () => void;
  /** Beside a form: the frame never takes keyboard focus unless the user clicks into it. */
  passive?: boolean;
}

/** Hosts `/preview-frame` and keeps it showing `message`. */
export function PreviewFrame({
  message,
  replay = 0,
  title,
  height,
  onEnded,
  passive = false,
}: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [renderer, setRenderer] = useState<"sdk" | "mock" | null>(null);
  const json = JSON.stringify(message);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow) return;
      if (!isFromFrame(e.data)) return;
      const data: FromFrame = e.data;
      if (data.type === "nudge-preview:ready") setReady(true);
      else if (data.type === "nudge-preview:ended") ended.current?.();
      else setRenderer(data.renderer);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  useEffect(() => {
    if (!ready) return;
    const payload: ToFrame = {
      type: "nudge-preview:show",
      message: JSON.parse(json) as PreviewMessage,
      replay,
    };
    frame.current?.contentWindow?.postMessage(payload, window.location.origin);
  }, [ready, json, replay]);

  return (
    <Box
      h={height}
      pos="relative"
      data-testid="preview-frame-host"
      data-renderer={renderer ?? "loading"}
    >
      <iframe
        ref={frame}
        src={passive ? `${framePath}?passive=1` : framePath}
        title={title}
        style={{ border: 0, width: "100%", height: "100%", display: "block" }}
      />
    </Box>
  );
}
