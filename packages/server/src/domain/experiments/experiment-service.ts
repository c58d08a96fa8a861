import type { Arm, Experiment, ExperimentPatch, Message } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import { newId } from "../ids.js";
import { fieldsOf } from "../messages/fields-of.js";
import type { MessageStore } from "../messages/ports.js";
import type { PlanLimits } from "../tenancy/ports.js";
import { AnalysisCache } from "./analysis-cache.js";
import type { ExperimentStore, NewArmMessage } from "./ports.js";

export interface VariantCreated {
  experiment: Experiment;
  control: Message;
  treatment: Message;
}

/** "Create variant", weights, goal and "Apply winner" (SPEC §6). */
export class ExperimentService {
  private readonly analysis = new AnalysisCache();

  constructor(
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  async get(store: ExperimentStore, id: string): Promise<Experiment> {
    const experiment = await store.get(id);
    if (!experiment) throw notFound("Experiment");
    return experiment;
  }

  /**
   * Clones the message into a new arm. The first variant creates the experiment (control =
   * original, treatment = clone, 50/50, flag key = experiment id); later ones add an arm while
   * the experiment has not started, splitting weights evenly.
   */
  async createVariant(
    stores: { experiments: ExperimentStore; messages: MessageStore },
    limits: PlanLimits,
    messageId: string,
    input: { variantKey?: string | undefined; name?: string | undefined },
  ): Promise<VariantCreated> {
    const source = await stores.messages.get(messageId);
    if (!source) throw notFound("Message");
    const now = this.clock.now();
    const cloneOf = (variantKey: string): NewArmMessage => ({
      id: newId("msg"),
      variantKey,
      fields: {
        ...fieldsOf(source),
        status: "draft",
        name: input.name ?? `${source.name} (${variantKey})`,
      },
    });

    let experiment: Experiment;
    let clone: NewArmMessage;
    if (!source.experimentId) {
      const id = newId("exp");
      clone = cloneOf(input.variantKey ?? "treatment");
      if (clone.variantKey === "control") throw invalidKey("control is the original message's arm");
      const arms: Arm[] = [
        { key: "control", messageId: source.id, weight: 50 },
        { key: clone.variantKey, messageId: clone.id, weight: 50 },
      ];
      const created = await stores.experiments.create(
        { id, flagKey: id, controlMessageId: source.id, arms, goal: { type: "cta_click" }, clone },
        now,
        limits.maxMessagesPerProduct,
      );
      if (created === "limit_reached") throw planLimit(limits);
      if (created === "already_linked")
        throw new AppError("conflict", "This message is already in an experiment");
      experiment = created;
    } else {
      const current = await this.get(stores.experiments, source.experimentId);
      if (current.status !== "running") {
        throw new AppError(
          "conflict",
          "This experiment's winner was applied; start a new experiment instead",
        );
      }
      const counts = await stores.experiments.armCounts(
        current.arms.map((a) => a.messageId),
        current.goal,
      );
      if ([...counts.values()].some((c) => c.exposures > 0)) {
        throw new AppError(
          "conflict",
          "Users have already seen this experiment; adding an arm now would reshuffle them",
        );
      }
      clone = cloneOf(input.variantKey ?? `treatment_${current.arms.length}`);
      if (current.arms.some((a) => a.key === clone.variantKey))
        throw invalidKey("an arm with this key exists");
      const even = Math.floor((100 / (current.arms.length + 1)) * 100) / 100;
      const arms = [
        ...current.arms,
        { key: clone.variantKey, messageId: clone.id, weight: even },
      ].map((a) => ({
        ...a,
        weight: even,
      }));
      const added = await stores.experiments.addArm(
        current.id,
        clone,
        arms,
        current.version,
        now,
        limits.maxMessagesPerProduct,
      );
      if (added === "limit_reached") throw planLimit(limits);
      if (added === "version_conflict")
        throw new AppError("version_conflict", "The experiment changed meanwhile; try again");
      experiment = added;
    }
    this.invalidation.publish(stores.messages.productId);
    const control = await stores.messages.get(experiment.controlMessageId);
    const treatment = await stores.messages.get(clone.id);
    if (!control || !treatment) throw notFound("Message");
    return { experiment, control, treatment };
  }

  /** Weights are editable until users have been exposed; goal and guardrail at any time. */
  async update(store: ExperimentStore, id: string, patch: ExperimentPatch): Promise<Experiment> {
    const current = await this.get(store, id);
    let arms: Arm[] | undefined;
    if (patch.weights) {
      const counts = await store.armCounts(
        current.arms.map((a) => a.messageId),
        current.goal,
      );
      if ([...counts.values()].some((c) => c.exposures > 0)) {
        throw new AppError(
          "conflict",
          "Weights are fixed once users have been exposed; start a new experiment to change the split",
        );
      }
      const weights = patch.weights;
      for (const key of Object.keys(weights)) {
        if (!current.arms.some((a) => a.key === key)) {
          throw new AppError("validation_failed", `weights.${key}: no such arm`, {
            errors: [{ path: `weights.${key}`, message: "no such arm" }],
          });
        }
      }
      arms = current.arms.map((a) => ({ ...a, weight: weights[a.key] ?? a.weight }));
      if (arms.every((a) => a.weight === 0)) {
        throw new AppError(
          "validation_failed",
          "weights: at least one arm needs a weight above 0",
          {
            errors: [{ path: "weights", message: "at least one arm needs a weight above 0" }],
          },
        );
      }
    }
    const updated = await store.update(
      id,
      {
        ...(arms ? { arms } : {}),
        ...(patch.goal ? { goal: patch.goal } : {}),
        ...(patch.guardrail !== undefined ? { guardrail: patch.guardrail } : {}),
      },
      patch.version,
      this.clock.now(),
    );
    if (updated === "not_found") throw notFound("Experiment");
    if (updated === "version_conflict")
      throw new AppError("version_conflict", "The experiment changed meanwhile; reload it");
    this.invalidation.publish(store.productId);
    return updated;
  }

  /** Results for the dashboard: counts per arm by the experiment's goal, then the statistics. */
  async results(store: ExperimentStore, id: string) {
    const experiment = await this.get(store, id);
    const counts = await store.armCounts(
      experiment.arms.map((a) => a.messageId),
      experiment.goal,
    );
    const arms = experiment.arms.map((arm) => {
      const c = counts.get(arm.messageId) ?? { exposures: 0, conversions: 0, dismissals: 0 };
      // SRM compares exposures with the split the test ran with, not the post-winner 100/0.
      return { key: arm.key, weight: arm.testWeight ?? arm.weight, messageId: arm.messageId, ...c };
    });
    const analysis = this.analysis.get({
      arms,
      controlKey: "control",
      ...(experiment.guardrail ? { guardrail: experiment.guardrail } : {}),
    });
    return { experiment, arms, analysis };
  }

  /** An arm of a running experiment cannot be deleted: its users' history would be orphaned. */
  async assertDeletable(store: ExperimentStore, message: Message): Promise<void> {
    if (!message.experimentId) return;
    const experiment = await store.get(message.experimentId);
    if (experiment?.status === "running") {
      throw new AppError(
        "conflict",
        "This message is an arm of a running experiment; apply a winner first (losing arms stay, paused)",
      );
    }
  }

  /** The winner takes 100%; losers are paused but kept; who and when is recorded. */
  async applyWinner(
    store: ExperimentStore,
    id: string,
    variantKey: string,
    actor: string,
  ): Promise<Experiment> {
    const current = await this.get(store, id);
    if (!current.arms.some((a) => a.key === variantKey)) {
      throw new AppError(
        "validation_failed",
        `variantKey: no arm "${variantKey}" in this experiment`,
        {
          errors: [{ path: "variantKey", message: "no such arm" }],
        },
      );
    }
    const applied = await store.applyWinner(id, variantKey, actor, this.clock.now());
    if (!applied) throw notFound("Experiment");
    this.invalidation.publish(store.productId);
    return applied;
  }
}

const invalidKey = (message: string) =>
  new AppError("validation_failed", `variantKey: ${message}`, {
    errors: [{ path: "variantKey", message }],
  });

const planLimit = (limits: PlanLimits) =>
  new AppError(
    "plan_limit_exceeded",
    `Your plan allows ${limits.maxMessagesPerProduct} message(s) per product; a variant is a message too`,
  );
