import type { Appearance, Step } from "./types.js";

/**
 * Where a step renders: one overlay (modal or slideout) at a time, one banner per edge, one
 * tooltip per anchor (SPEC §7).
 */
export function slotOf(step: Step, appearance: Appearance): string {
  if (step.type === "banner") {
    return appearance.position?.startsWith("bottom") ? "banner:bottom" : "banner:top";
  }
  return step.type === "tooltip" ? `tooltip:${step.selector}` : "overlay";
}

export interface SlotOwner {
  priority: number;
  /** Give the slot up to a higher-priority campaign: close quietly, no event. */
  stop(): void;
}

export interface Slots {
  /** Takes `slot` if it is free or held by a lower priority (which is stopped); else false. */
  claim(slot: string, owner: SlotOwner): boolean;
  release(slot: string, owner: SlotOwner): void;
}

export function createSlots(): Slots {
  const held = new Map<string, SlotOwner>();
  return {
    claim(slot, owner) {
      const current = held.get(slot);
      if (current && current !== owner) {
        if (current.priority >= owner.priority) return false;
        current.stop();
      }
      held.set(slot, owner);
      return true;
    },
    release(slot, owner) {
      if (held.get(slot) === owner) held.delete(slot);
    },
  };
}
