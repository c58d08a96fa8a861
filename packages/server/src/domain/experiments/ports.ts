import type { Arm, Experiment, ExperimentGoal, Guardrail } from "@nudge/schema";
import type { MessageFields } from "../messages/ports.js";

export interface NewArmMessage {
  id: string;
  variantKey: string;
  fields: MessageFields;
}

export interface ArmCounts {
  exposures: number;
  conversions: number;
  dismissals: number;
}

/** Experiments of one product; writes that touch messages too are single transactions. */
export interface ExperimentStore {
  readonly productId: string;
  get(id: string): Promise<Experiment | null>;
  /** Creates the experiment, inserts the treatment clone and links both messages. */
  create(
    input: {
      id: string;
      flagKey: string;
      controlMessageId: string;
      arms: Arm[];
      goal: ExperimentGoal;
      clone: NewArmMessage;
    },
    now: number,
    maxMessages: number | undefined,
  ): Promise<Experiment | "limit_reached" | "already_linked">;
  /** Adds an arm (a new clone) and sets all weights, if `expectedVersion` is current. */
  addArm(
    id: string,
    clone: NewArmMessage,
    arms: Arm[],
    expectedVersion: number,
    now: number,
    maxMessages: number | undefined,
  ): Promise<Experiment | "limit_reached" | "version_conflict">;
  update(
    id: string,
    changes: { arms?: Arm[]; goal?: ExperimentGoal; guardrail?: Guardrail | null },
    expectedVersion: number,
    now: number,
  ): Promise<Experiment | "not_found" | "version_conflict">;
  /** Winner to 100%, other arms to 0% and their messages paused, the winner active; recorded. */
  applyWinner(
    id: string,
    winnerKey: string,
    actor: string,
    now: number,
  ): Promise<Experiment | null>;
  /** Per arm message: users exposed, users converted (by the goal), users who dismissed. */
  armCounts(messageIds: string[], goal: ExperimentGoal): Promise<Map<string, ArmCounts>>;
}
