import { Box, Button, Paper, Stack, Text } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { FakeSite } from "./fake-site";
import { type FromFrame, isToFrame } from "./frame-protocol";
import type { PreviewMessage } from "./load-sdk";
import { MockPreview } from "./mock-preview";
import { TargetPlaceholders } from "./target-placeholders";
import { useSdkPreview } from "./use-sdk-preview";

const tell = (data: FromFrame) => window.parent.postMessage(data, window.location.origin);

/**
 * A modal moves focus into itself (as it should on a site). Beside the editor's form that would
 * pull the cursor out of the field being typed in, so a passive frame only lets scripts move
 * focus once the user has clicked into the frame.
 */
function keepFocusWithUser() {
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    if (document.hasFocus()) focus.call(this, options);
  };
}

if (new URLSearchParams(window.location.search).has("passive")) keepFocusWithUser();

/**
 * `/preview-frame`: a neutral page that renders whatever message its parent posts, with the
 * real SDK renderer (no-op tracker: nothing is recorded) or the mock until the SDK exists.
 */
export function PreviewFramePage() {
  const [shown, setShown] = useState<{ message: PreviewMessage; replay: number } | null>(null);
  const [localReplay, setLocalReplay] = useState(0);
  const [ended, setEnded] = useState(false);
  const replay = (shown?.replay ?? 0) * 1000 + localReplay;
  const sdk = useSdkPreview(shown?.message ?? null, replay, () => {
    setEnded(true);
    tell({ type: "nudge-preview:ended" });
  });

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== window.parent) return;
      if (!isToFrame(e.data)) return;
      setShown({ message: e.data.message, replay: e.data.replay });
      setEnded(false);
    };
    window.addEventListener("message", onMessage);
    tell({ type: "nudge-preview:ready" });
    return () => window.removeEventListener("message", onMessage);
  }, []);

  useEffect(() => {
    if (sdk !== "loading") tell({ type: "nudge-preview:renderer", renderer: sdk });
  }, [sdk]);

  return (
    <Box pos="fixed" inset={0} style={{ overflow: "hidden" }} component="main">
      <FakeSite />
      {shown && <TargetPlaceholders steps={shown.message.steps} />}
      {shown && sdk === "mock" && <MockPreview key={replay} message={shown.message} />}
      {ended && sdk === "sdk" && (
        <Paper
          pos="absolute"
          bottom={24}
          left="50%"
          p="md"
          shadow="md"
          style={{ transform: "translateX(-50%)" }}
          role="status"
        >
          <Stack gap={6} align="center">
            <Text size="sm" fw={600}>
              Flow ended
            </Text>
            <Text size="xs" c="dimmed">
              Nothing was recorded: this is a preview.
            </Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlayerPlay size={14} />}
              onClick={() => {
                setEnded(false);
                setLocalReplay((n) => n + 1);
              }}
            >
              Replay
            </Button>
          </Stack>
        </Paper>
      )}
    </Box>
  );
}
