import { assignArm, bucketOf } from "@nudge/rules";
import { describe, expect, it } from "vitest";
import { toCampaign, variantOf } from "../src/core/campaign.js";
import type { ActiveExperiment } from "../src/core/types.js";
import { message } from "./fakes.js";

const experiment = (overrides: Partial<ActiveExperiment> = {}): ActiveExperiment => ({
  id: "msg_ctl",
  experimentId: "exp_1",
  flagKey: "exp_1",
  priority: 70,
  trigger: { type: "page" },
  frequency: { cap: "ever" },
  appearance: {},
  arms: [
    { key: "control", weight: 50 },
    { key: "treatment", weight: 50 },
  ],
  variants: {
    control: { messageId: "msg_ctl", steps: [{ type: "modal", body: "A" }] },
    treatment: { messageId: "msg_trt", steps: [{ type: "modal", body: "B" }] },
  },
  ...overrides,
});

describe("toCampaign", () => {
  it("a plain message is its own campaign", () => {
    const c = toCampaign(message("msg_a", { priority: 80 }), "u1")!;
    expect(c).toMatchObject({ key: "msg_a", messageId: "msg_a", priority: 80 });
    expect(c.variantKey).toBeUndefined();
  });

  it("renders the arm the server assigned, keeping the campaign key for caps", () => {
    const c = toCampaign(experiment({ assignedVariant: "treatment" }), "u1")!;
    expect(c).toMatchObject({ key: "msg_ctl", messageId: "msg_trt", variantKey: "treatment" });
    expect(c.steps[0]!.body).toBe("B");
  });

  it("otherwise buckets exactly like the server: assignArm(arms, bucketOf(flagKey, id))", () => {
    for (const id of ["user_1", "user_2", "user_3", "a@example.com", "日本語", "🎉"]) {
      const expected = assignArm(experiment().arms!, bucketOf("exp_1", id));
      expect(variantOf(experiment(), id)).toBe(expected);
      expect(toCampaign(experiment(), id)!.variantKey).toBe(expected);
    }
  });

  it("a 100% winner takes everyone; a missing arm renders nothing", () => {
    const winner = experiment({
      arms: [
        { key: "control", weight: 0 },
        { key: "treatment", weight: 100 },
      ],
    });
    expect(toCampaign(winner, "anyone")!.variantKey).toBe("treatment");
    expect(toCampaign(experiment({ assignedVariant: "ghost" }), "u1")).toBeNull();
    expect(toCampaign(message("empty", { steps: [] }), "u1")).toBeNull();
  });
});
