import { betaPosterior } from "./beta-posterior.js";
import { probBeat } from "./prob-beat.js";

/** How sure we must be that the treatment raises the dismiss rate before it counts as harm. */
export const GUARDRAIL_PROB = 0.95;

export interface DismissGuardrail {
  /** P(dismiss rate of the treatment > that of the control), Beta(1, 1) posteriors, exact. */
  probIncrease: number;
  /** Posterior mean dismiss rate of the treatment minus the control's (absolute). */
  meanIncrease: number;
  /** The allowed absolute increase, e.g. 0.02 = two percentage points. */
  maxIncrease: number;
  /** probIncrease >= GUARDRAIL_PROB and meanIncrease > maxIncrease. */
  breached: boolean;
}

/**
 * Guardrail on dismissals: a treatment that converts better but annoys users into dismissing it
 * much more often is not a winner. Both conditions are needed: confidence that dismissals rose
 * (not noise) and a rise larger than the product owner tolerates.
 */
export function dismissGuardrail(
  treatment: { exposures: number; dismissals: number },
  control: { exposures: number; dismissals: number },
  maxIncrease: number,
): DismissGuardrail {
  const allowed = Number.isNaN(maxIncrease) ? 0 : Math.max(0, maxIncrease);
  const t = betaPosterior(treatment.exposures, treatment.dismissals);
  const c = betaPosterior(control.exposures, control.dismissals);
  const probIncrease = probBeat(t, c).value;
  const meanIncrease = t.mean - c.mean;
  return {
    probIncrease,
    meanIncrease,
    maxIncrease: allowed,
    breached: probIncrease >= GUARDRAIL_PROB && meanIncrease > allowed,
  };
}
