import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";

/** Shape parameters of a Beta distribution. */
export interface BetaParams {
  alpha: number;
  beta: number;
}

export interface BetaPosterior extends BetaParams {
  /** Posterior mean alpha / (alpha + beta). */
  mean: number;
  /** Equal-tailed 95% credible interval [2.5%, 97.5%] from the exact Beta quantile. */
  ci95: [number, number];
}

/**
 * Beta(1, 1) — uniform — prior: with no data every rate in [0, 1] is equally likely, so zero
 * exposures give a well-defined posterior (mean 0.5) instead of 0/0.
 */
export const PRIOR_ALPHA = 1;
export const PRIOR_BETA = 1;

/** The conjugate Beta-Binomial update: Beta(1 + conversions, 1 + exposures - conversions). */
export function betaPosterior(exposures: number, conversions: number): BetaPosterior {
  const alpha = PRIOR_ALPHA + conversions;
  const beta = PRIOR_BETA + exposures - conversions;
  return {
    alpha,
    beta,
    mean: alpha / (alpha + beta),
    ci95: [betaQuantile(0.025, alpha, beta), betaQuantile(0.975, alpha, beta)],
  };
}
