import { describe, expect, it } from "vitest";
import { play } from "../src/core/player.js";
import { createSlots, slotOf } from "../src/core/slots.js";
import type { Campaign, InteractionType, Step } from "../src/core/types.js";
import { fakeRenderer } from "./fakes.js";

const tour = (steps: Step[], priority = 50): Campaign => ({
  key: "msg_1",
  messageId: "msg_1",
  name: "Tour",
  priority,
  trigger: { type: "manual" },
  frequency: {},
  appearance: { position: "bottom" },
  steps,
});
const modal: Step = { type: "modal", title: "Welcome", body: "Hi" };
const tooltip: Step = { type: "tooltip", selector: "#new-project", body: "Here" };
const banner: Step = { type: "banner", body: "Bye" };

function run(c: Campaign, options: { anchored?: boolean } = {}) {
  const draw = fakeRenderer(options);
  const records: [InteractionType, number][] = [];
  const steps: number[] = [];
  let ended = 0;
  const slots = createSlots();
  const playing = play(c, {
    renderer: draw.renderer,
    slots,
    record: (_c, type, step) => records.push([type, step]),
    stepChanged: (_c, step) => steps.push(step),
    ended: () => ended++,
  });
  return { draw, records, steps, playing, slots, ended: () => ended };
}

describe("slotOf", () => {
  it("one overlay, one banner per edge, one tooltip per anchor", () => {
    expect(slotOf(modal, {})).toBe("overlay");
    expect(slotOf({ ...modal, type: "slideout" }, {})).toBe("overlay");
    expect(slotOf(banner, { position: "top" })).toBe("banner:top");
    expect(slotOf(banner, { position: "bottom-left" })).toBe("banner:bottom");
    expect(slotOf(tooltip, {})).toBe("tooltip:#new-project");
  });
});

describe("play (SPEC §7 step lifecycle)", () => {
  it("modal → tooltip → banner: one impression, Next is silent, Done completes once", () => {
    const t = run(tour([modal, tooltip, banner]));
    expect(t.records).toEqual([["impression", 0]]);
    expect(t.draw.open().map((s) => s.view.step.type)).toEqual(["modal"]);
    t.draw.open()[0]!.actions.next();
    expect(t.draw.open().map((s) => s.view.step.type)).toEqual(["tooltip"]);
    expect(t.draw.open()[0]!.view.focus).toBe(true);
    t.draw.open()[0]!.actions.next();
    expect(t.steps).toEqual([1, 2]);
    const last = t.draw.open()[0]!;
    last.actions.done();
    last.actions.done();
    expect(t.records).toEqual([
      ["impression", 0],
      ["complete", 2],
    ]);
    expect(t.draw.open()).toEqual([]);
    expect(t.ended()).toBe(1);
  });

  it("× on step 2 dismisses with that step; the CTA records cta_click", () => {
    const a = run(tour([modal, tooltip, banner]));
    a.draw.open()[0]!.actions.next();
    a.draw.open()[0]!.actions.dismiss();
    expect(a.records).toEqual([
      ["impression", 0],
      ["dismiss", 1],
    ]);
    const b = run(tour([modal]));
    b.draw.open()[0]!.actions.cta();
    expect(b.records).toEqual([
      ["impression", 0],
      ["cta_click", 0],
    ]);
  });

  it("ignores late callbacks from a step already left", () => {
    const t = run(tour([modal, banner]));
    const first = t.draw.open()[0]!;
    first.actions.next();
    first.actions.dismiss();
    first.actions.next();
    expect(t.records).toEqual([["impression", 0]]);
    expect(t.draw.open().map((s) => s.view.index)).toEqual([1]);
  });

  it("fires the impression only when step 0 is really on screen", () => {
    const t = run(tour([tooltip, modal]), { anchored: false });
    expect(t.records).toEqual([]);
    t.draw.shown[0]!.actions.shown();
    t.draw.shown[0]!.actions.shown();
    expect(t.records).toEqual([["impression", 0]]);
  });

  it("abandon ends quietly (an anchor that never appeared)", () => {
    const t = run(tour([tooltip]), { anchored: false });
    t.draw.shown[0]!.actions.abandon();
    expect(t.records).toEqual([]);
    expect(t.ended()).toBe(1);
  });

  it("a higher priority takes a slot; an equal or lower one does not", () => {
    const slots = createSlots();
    const owner = (priority: number) => {
      const o = {
        priority,
        stopped: false,
        stop: () => {
          o.stopped = true;
        },
      };
      return o;
    };
    const low = owner(10);
    const same = owner(10);
    const high = owner(90);
    expect(slots.claim("overlay", low)).toBe(true);
    expect(slots.claim("overlay", same)).toBe(false);
    expect(slots.claim("overlay", high)).toBe(true);
    expect(low.stopped).toBe(true);
    slots.release("overlay", low);
    expect(slots.claim("overlay", same)).toBe(false);
    slots.release("overlay", high);
    expect(slots.claim("overlay", same)).toBe(true);
  });

  it("a tour that moves into a slot held by a higher priority ends quietly", () => {
    const slots = createSlots();
    slots.claim("banner:bottom", { priority: 99, stop() {} });
    const draw = fakeRenderer();
    const records: string[] = [];
    let ended = 0;
    play(tour([modal, banner]), {
      renderer: draw.renderer,
      slots,
      record: (_c, type) => records.push(type),
      stepChanged() {},
      ended: () => ended++,
    });
    draw.open()[0]!.actions.next();
    expect(draw.open()).toEqual([]);
    expect(records).toEqual(["impression"]);
    expect(ended).toBe(1);
  });
});
