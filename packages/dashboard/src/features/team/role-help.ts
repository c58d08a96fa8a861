import type { Role } from "@nudge/schema";

export const roleHelp: Record<Role, string> = {
  owner: "Manages the team, products and keys; can do everything",
  editor: "Creates, edits and publishes messages and segments",
  viewer: "Can look at everything, change nothing",
};
