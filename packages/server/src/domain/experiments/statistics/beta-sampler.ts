import betaRandom from "@stdlib/random-base-beta";
import type { BetaParams } from "./beta-posterior.js";

/**
 * A seeded uniform on (0, 1): the MT19937 that @stdlib/random-base-beta's factory builds from
 * the seed (its `PRNG`, the generator stdlib's own Beta sampler draws from). One 32-bit output
 * per number, offset by half a step so 0 and 1 never occur (log(0) in the samplers below): 2^-32
 * resolution is far finer than anything a rejection test or a 200,000-draw quantile can see,
 * and it is cheaper than the 53-bit `normalized` form (two outputs per number).
 */
function seededUniform(seed: number): () => number {
  const mt = betaRandom.factory({ seed }).PRNG;
  return () => (mt() + 0.5) / 4294967296;
}

/**
 * A seeded Beta(alpha, beta) sampler: X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta) by
 * Marsaglia & Tsang (2000), normals by Marsaglia's polar method.
 *
 * Why not stdlib's own Beta sampler: for alpha, beta > 1 it rejects from a normal envelope
 * of sd 0.5/sqrt(alpha + beta), much wider than a skewed posterior (sd ~ sqrt(p/n)), so the
 * loop runs ~1/(2 sqrt(p)) times per draw. Measured for 200,000 draws: Beta(401, 19601) (2% of
 * 20k users) 0.8 s, Beta(6, 999996) (5 in a million) 7 s — per arm, on the request path.
 * Marsaglia–Tsang accepts > 95% of the time for any shape: ~0.15 s per arm, whatever the rate
 * (on a busy 2-core machine).
 */
export function betaSampler({ alpha, beta }: BetaParams, seed: number): () => number {
  const uniform = seededUniform(seed);
  let spareNormal: number | null = null;
  const normal = (): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spareNormal = v * f;
        return u * f;
      }
    }
  };
  const gamma = (shape: number): number => {
    // Shapes below 1 (never from a Beta(1, 1) prior): Gamma(a) = Gamma(a + 1) * U^(1/a).
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const t = 1 + c * x;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return () => {
    const x = gamma(alpha);
    const sum = x + gamma(beta);
    return sum > 0 ? x / sum : 0.5; // 0/0 only if both underflow: shapes far below 1
  };
}
