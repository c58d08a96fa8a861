import type { Renderer, StepActions, StepHandle } from "./platform.js";
import { type SlotOwner, type Slots, slotOf } from "./slots.js";
import type { Campaign, InteractionType } from "./types.js";

export interface PlayerDeps {
  renderer: Renderer;
  slots: Slots;
  /** A lifecycle interaction happened: send its event, apply caps, call host hooks. */
  record(campaign: Campaign, type: InteractionType, step: number): void;
  stepChanged(campaign: Campaign, step: number): void;
  /** The campaign left the screen, for whatever reason. */
  ended(campaign: Campaign): void;
}

export interface Playing extends SlotOwner {
  campaign: Campaign;
}

/**
 * Plays a campaign's steps in order (SPEC §7 step lifecycle): one impression when step 0 is on
 * screen, "Next" moves on without an event (into another slot if the step type changes), "Done",
 * × and the CTA end it with their event. Returns null when step 0 could not take its slot.
 */
export function play(campaign: Campaign, deps: PlayerDeps): Playing | null {
  const last = campaign.steps.length - 1;
  let index = -1;
  let slot = "";
  let handle: StepHandle | null = null;
  let impressed = false;
  let over = false;

  const end = () => {
    if (over) return;
    over = true;
    handle?.close();
    deps.slots.release(slot, playing);
    deps.ended(campaign);
  };
  const playing: Playing = { campaign, priority: campaign.priority, stop: end };

  // Each step gets its own actions, so a late callback from a step already left does nothing.
  const actionsFor = (i: number): StepActions => {
    const live = (fn: () => void) => () => {
      if (!over && i === index) fn();
    };
    const finish = (type: InteractionType) =>
      live(() => {
        deps.record(campaign, type, i);
        end();
      });
    return {
      shown: live(() => {
        if (impressed) return;
        impressed = true;
        deps.record(campaign, "impression", 0);
      }),
      next: live(() => {
        if (i < last) show(i + 1);
      }),
      done: finish("complete"),
      dismiss: finish("dismiss"),
      cta: finish("cta_click"),
      abandon: live(end),
    };
  };

  function show(i: number): boolean {
    const step = campaign.steps[i]!;
    const target = slotOf(step, campaign.appearance);
    handle?.close();
    handle = null;
    if (target !== slot) {
      deps.slots.release(slot, playing);
      slot = target;
      if (!deps.slots.claim(target, playing)) {
        end();
        return false;
      }
    }
    index = i;
    if (i > 0) deps.stepChanged(campaign, i);
    handle = deps.renderer.show({ campaign, step, index: i, focus: i > 0 }, actionsFor(i));
    if (!handle) end();
    return !over;
  }

  return show(0) ? playing : null;
}
