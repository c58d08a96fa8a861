import { assignArm, bucketOf } from "@nudge/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

interface ActiveEntry {
  id: string;
  experimentId?: string;
  assignedVariant?: string;
  variants?: Record<string, { messageId: string }>;
  steps: { body: string }[];
}

describe.each(dialects)("A/B experiments on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "experiments");
    base = `/api/v1/products/${tenant.productId}`;
  });
  afterAll(() => t.close());

  const admin = (
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      headers: bearer(tenant.secretKey),
      ...(payload ? { payload } : {}),
    });
  const active = async (distinctId: string) =>
    json<{ messages: ActiveEntry[] }>(
      await t.app.inject({
        url: `/api/v1/messages/active?distinct_id=${distinctId}`,
        headers: bearer(tenant.publishableKey),
      }),
    ).messages;
  const track = (messageId: string, type: string, distinctId: string) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/messages/${messageId}/track`,
      headers: bearer(tenant.publishableKey),
      payload: { type, distinctId },
    });

  /** Creates an active message with a variant, both arms active, and returns the ids. */
  async function runningExperiment(label: string) {
    const original = json(
      await admin("POST", "/messages", {
        ...buildMessage({ name: label, status: "active" }),
        steps: [{ type: "modal", title: "A", body: `${label} control copy` }],
      }),
    );
    const created = await admin("POST", `/messages/${original.id}/variants`, {});
    expect(created.statusCode).toBe(201);
    const { experiment, control, treatment } = json<{
      experiment: {
        id: string;
        flagKey: string;
        arms: { key: string; weight: number }[];
        version: number;
      };
      control: { id: string; variantKey: string; experimentId: string };
      treatment: {
        id: string;
        version: number;
        status: string;
        variantKey: string;
        experimentId: string;
      };
    }>(created);
    expect(experiment.arms).toEqual([
      { key: "control", messageId: original.id, weight: 50 },
      { key: "treatment", messageId: treatment.id, weight: 50 },
    ]);
    expect(experiment.flagKey).toBe(experiment.id);
    expect(control).toMatchObject({
      id: original.id,
      variantKey: "control",
      experimentId: experiment.id,
    });
    expect(treatment).toMatchObject({
      variantKey: "treatment",
      experimentId: experiment.id,
      status: "draft",
    });
    const steps = [{ type: "modal", title: "B", body: `${label} treatment copy` }];
    const activated = await admin("PATCH", `/messages/${treatment.id}`, {
      version: treatment.version,
      status: "active",
      steps,
    });
    expect(activated.statusCode).toBe(200);
    return { experiment, controlId: original.id as string, treatmentId: treatment.id };
  }

  /** Finds users the shared bucketing puts in each arm (the SDK computes the same). */
  function usersIn(flagKey: string, arm: string, count: number): string[] {
    const found: string[] = [];
    const arms = [
      { key: "control", weight: 50 },
      { key: "treatment", weight: 50 },
    ];
    for (let i = 0; found.length < count; i++) {
      if (assignArm(arms, bucketOf(flagKey, `user-${i}`)) === arm) found.push(`user-${i}`);
    }
    return found;
  }

  it("groups both arms under one campaign and serves each user their own arm", async () => {
    const { experiment, controlId, treatmentId } = await runningExperiment("grouping");
    const [inControl] = usersIn(experiment.flagKey, "control", 1);
    const [inTreatment] = usersIn(experiment.flagKey, "treatment", 1);
    const forControl = (await active(inControl!)).find((m) => m.experimentId === experiment.id);
    const forTreatment = (await active(inTreatment!)).find((m) => m.experimentId === experiment.id);
    expect(forControl).toMatchObject({ id: controlId, assignedVariant: "control" });
    expect(forControl?.steps[0]?.body).toBe("grouping control copy");
    expect(forTreatment).toMatchObject({ id: controlId, assignedVariant: "treatment" });
    expect(forTreatment?.steps[0]?.body).toBe("grouping treatment copy");
    expect(forTreatment?.variants).toEqual({
      control: expect.objectContaining({ messageId: controlId }),
      treatment: expect.objectContaining({ messageId: treatmentId }),
    });
  });

  it("never shows the treatment to a user who dismissed the control, even after the winner flips", async () => {
    const { experiment, controlId } = await runningExperiment("cap-across-arms");
    const [user] = usersIn(experiment.flagKey, "control", 1);
    expect((await track(controlId, "impression", user!)).statusCode).toBe(202);
    expect((await track(controlId, "dismiss", user!)).statusCode).toBe(202);
    expect((await active(user!)).some((m) => m.experimentId === experiment.id)).toBe(false);
    const applied = await admin("POST", `/experiments/${experiment.id}/apply-winner`, {
      variantKey: "treatment",
    });
    expect(applied.statusCode).toBe(200);
    expect((await active(user!)).some((m) => m.experimentId === experiment.id)).toBe(false);
  });

  it("after Apply winner every user gets the winner; the loser stays listed, paused, and stops rendering", async () => {
    const { experiment, controlId, treatmentId } = await runningExperiment("apply");
    const applied = await admin("POST", `/experiments/${experiment.id}/apply-winner`, {
      variantKey: "treatment",
    });
    expect(json(applied)).toMatchObject({
      status: "applied",
      winnerKey: "treatment",
      appliedBy: expect.stringMatching(/^key_/),
      arms: [
        { key: "control", weight: 0 },
        { key: "treatment", weight: 100 },
      ],
    });
    expect(json(applied).appliedAt).toEqual(expect.any(String));
    for (let i = 0; i < 40; i++) {
      const entry = (await active(`after-apply-${i}`)).find(
        (m) => m.experimentId === experiment.id,
      );
      expect(entry?.assignedVariant).toBe("treatment");
      expect(entry?.steps[0]?.body).toBe("apply treatment copy");
      expect(Object.keys(entry?.variants ?? {})).toEqual(["treatment"]);
    }
    const loser = json(await admin("GET", `/messages/${controlId}`));
    expect(loser).toMatchObject({ status: "paused", experimentId: experiment.id });
    const listed = json<{ items: { id: string }[] }>(await admin("GET", "/messages")).items.map(
      (m) => m.id,
    );
    expect(listed).toEqual(expect.arrayContaining([controlId, treatmentId]));
  });

  it("reports per-arm exposures and conversions", async () => {
    const { experiment, controlId, treatmentId } = await runningExperiment("results");
    await track(controlId, "impression", "r1");
    await track(controlId, "cta_click", "r1");
    await track(controlId, "impression", "r2");
    await track(treatmentId, "impression", "r3");
    const results = json<{
      arms: { key: string; exposures: number; conversions: number }[];
      analysis: {
        verdict: { kind: string };
        srm: { pValue: number };
        arms: { key: string; probBeatControl: number | null }[];
      };
    }>(await admin("GET", `/experiments/${experiment.id}/results`));
    // Three users are far from the 100 per arm a verdict needs.
    expect(results.analysis.verdict.kind).toBe("keep_running");
    expect(results.analysis.arms.map((a) => a.key)).toEqual(["control", "treatment"]);
    expect(results.analysis.arms[1]?.probBeatControl).toEqual(expect.any(Number));
    expect(results.analysis.srm.pValue).toBeGreaterThan(0);
    expect(
      results.arms.map(({ key, exposures, conversions }) => ({ key, exposures, conversions })),
    ).toEqual([
      { key: "control", exposures: 2, conversions: 1 },
      { key: "treatment", exposures: 1, conversions: 0 },
    ]);
  });

  it("counts an event goal only within its hours after the first impression, following identify", async () => {
    const { experiment, controlId } = await runningExperiment("event goal");
    const patched = await admin("PATCH", `/experiments/${experiment.id}`, {
      version: experiment.version,
      goal: { type: "event", event: "plan_upgraded", withinHours: 2 },
    });
    expect(patched.statusCode).toBe(200);
    const hour = 3_600_000;
    const first = Date.now() - 10 * hour;
    const at = (offset: number) => new Date(first + offset).toISOString();
    let n = 0;
    const item = (distinctId: string, event: string, offset: number) => ({
      uuid: `goal-${experiment.id}-${n++}`,
      event,
      distinctId,
      timestamp: at(offset),
      ...(event === "message_impression" && { properties: { messageId: controlId } }),
    });
    const post = async (batch: object[]) => {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: bearer(tenant.publishableKey),
        payload: { batch },
      });
      expect(response.statusCode).toBeLessThan(300);
    };
    await post([
      // Converts 1 h after the first impression; a second impression does not move the window.
      item("g-in", "message_impression", 0),
      item("g-in", "message_impression", 90 * 60_000),
      item("g-in", "plan_upgraded", hour),
      // Converts 3 h after: outside the 2 h window.
      item("g-late", "message_impression", 0),
      item("g-late", "plan_upgraded", 3 * hour),
      // The goal event came before the impression: not caused by it.
      item("g-before", "plan_upgraded", -hour),
      item("g-before", "message_impression", 0),
      // Both ends of the window count: the impression's own instant and exactly 2 h later.
      item("g-same", "plan_upgraded", 0),
      item("g-same", "message_impression", 0),
      item("g-edge", "message_impression", 0),
      item("g-edge", "plan_upgraded", 2 * hour),
      // Another event name, inside the window.
      item("g-other", "message_impression", 0),
      item("g-other", "feature_used", hour),
      // An anonymous visitor, exposed and converted before logging in.
      item("g-anon", "message_impression", 0),
      item("g-anon", "plan_upgraded", 30 * 60_000),
      // Another, exposed before logging in, converting after it from a stale anonymous tab.
      item("g-anon2", "message_impression", 0),
    ]);
    for (const [known, anonymous] of [
      ["g-known", "g-anon"],
      ["g-known2", "g-anon2"],
    ]) {
      const identified = await t.app.inject({
        method: "POST",
        url: "/api/v1/identify",
        headers: bearer(tenant.publishableKey),
        payload: { distinctId: known, anonymousId: anonymous },
      });
      expect(identified.statusCode).toBeLessThan(300);
    }
    await post([item("g-anon2", "plan_upgraded", 40 * 60_000)]);
    const results = json<{ arms: { key: string; exposures: number; conversions: number }[] }>(
      await admin("GET", `/experiments/${experiment.id}/results`),
    );
    const control = results.arms.find((a) => a.key === "control");
    // g-in, g-same, g-edge and the people behind g-anon and g-anon2; each counts once.
    expect(control).toMatchObject({ exposures: 8, conversions: 5 });
  });

  it("adds more arms before start, edits weights, refuses once users were exposed", async () => {
    const { experiment, controlId } = await runningExperiment("arms");
    const third = await admin("POST", `/messages/${controlId}/variants`, { variantKey: "bold" });
    expect(third.statusCode).toBe(201);
    const grown = json<{
      experiment: { arms: { key: string; weight: number }[]; version: number };
    }>(third).experiment;
    expect(grown.arms.map((a) => a.key)).toEqual(["control", "treatment", "bold"]);
    const reweighted = await admin("PATCH", `/experiments/${experiment.id}`, {
      version: grown.version,
      weights: { control: 50, treatment: 25, bold: 25 },
    });
    expect(reweighted.statusCode).toBe(200);
    await track(controlId, "impression", "w1");
    const late = await admin("PATCH", `/experiments/${experiment.id}`, {
      version: json(reweighted).version,
      weights: { control: 10 },
    });
    expect(late.statusCode).toBe(409);
    const unknown = await admin("POST", `/experiments/${experiment.id}/apply-winner`, {
      variantKey: "nope",
    });
    expect(unknown.statusCode).toBe(400);
    const deleteArm = await admin("DELETE", `/messages/${controlId}`);
    expect(deleteArm.statusCode).toBe(409);
  });
});
