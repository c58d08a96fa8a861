import type { Message, MessageReplace } from "@nudge/schema";
import type { PreviewMessage } from "./load-sdk";

/** A saved message or an editor payload, in the shape the SDK renders. */
export function toPreviewMessage(id: string, m: Message | MessageReplace): PreviewMessage {
  return {
    id,
    name: m.name,
    priority: m.priority,
    trigger: m.trigger,
    frequency: m.frequency,
    appearance: m.appearance,
    steps: m.steps,
  };
}
