import type { Message } from "@nudge/schema";
import type { MessageFields } from "./ports.js";

/** The author-owned fields of a stored message (what PUT takes, what a clone copies). */
export function fieldsOf(message: Message): MessageFields {
  const { name, status, trigger, audience, steps, appearance, frequency, schedule } = message;
  return {
    name,
    status,
    trigger,
    audience,
    steps,
    appearance,
    frequency,
    schedule,
    priority: message.priority,
    ignoreBudget: message.ignoreBudget,
  };
}
