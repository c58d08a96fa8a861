import type { MessageCreate } from "@nudge/schema";

/** What "New message" creates: a draft single modal on every page view, ready to edit. */
export function newMessageInput(name: string): MessageCreate {
  return {
    name,
    status: "draft",
    trigger: { type: "page" },
    audience: null,
    steps: [
      {
        type: "modal",
        title: name,
        body: "Tell your users what is new, and what to do next.",
        dismissible: true,
      },
    ],
    appearance: { position: "center", theme: "light" },
    frequency: { cap: "ever" },
    schedule: {},
    priority: 50,
    ignoreBudget: false,
  };
}
