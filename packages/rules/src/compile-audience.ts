import { type CompiledFilter, compileFilter } from "./compile-filter.js";
import type { EvalContext } from "./types.js";

/** The parts of a user an audience reads. */
export interface AudienceSubject {
  traits: Readonly<Record<string, unknown>>;
  churnProb: number | null;
}

export type AudienceGate = (user: AudienceSubject) => boolean;

const everyone: AudienceGate = () => true;
const noOne: AudienceGate = () => false;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * The audience rule compiled once per message for a context, to skip messages whose audience
 * excludes the user before running the full rules. A gate is a NECESSARY condition: whenever it
 * returns false, checkAudience() fails for the same user and context (property-tested). Where it
 * returns true, isVisible() still decides, so the gate can only save work, never change an
 * answer. Audiences it cannot reason about (malformed data) get a gate that lets them through.
 *
 * `compiledSegments` lets many messages share one compiled filter per segment.
 */
export function compileAudience(
  audience: unknown,
  ctx: Pick<EvalContext, "segments" | "topNThreshold">,
  compiledSegments: Map<string, CompiledFilter> = new Map(),
): AudienceGate {
  if (audience == null) return everyone;
  if (typeof audience !== "object" || Array.isArray(audience)) return everyone;
  const a = audience as Record<string, unknown>;
  switch (a.type) {
    case "traits": {
      const match = compileFilter(a.filter);
      return (user) => match(user.traits);
    }
    case "segment": {
      const id = a.segmentId;
      if (typeof id !== "string") return everyone;
      if (!Object.hasOwn(ctx.segments, id)) return noOne;
      let match = compiledSegments.get(id);
      if (!match) {
        match = compileFilter(ctx.segments[id]);
        compiledSegments.set(id, match);
      }
      const segment = match;
      return (user) => segment(user.traits);
    }
    case "score":
      return scoreGate(a.churnProbGt, a.topN, ctx);
    default:
      return everyone;
  }
}

function scoreGate(
  gt: unknown,
  topN: unknown,
  ctx: Pick<EvalContext, "topNThreshold">,
): AudienceGate {
  if (gt != null && !isFiniteNumber(gt)) return everyone;
  if (topN != null && !(isFiniteNumber(topN) && Number.isInteger(topN) && topN >= 0)) {
    return everyone;
  }
  if (topN === 0) return noOne;
  let threshold = Number.NEGATIVE_INFINITY;
  if (topN != null) {
    if (typeof ctx.topNThreshold !== "function") return everyone;
    const t: unknown = ctx.topNThreshold(topN);
    if (typeof t !== "number" || Number.isNaN(t)) return everyone;
    threshold = t;
  }
  const above = gt ?? Number.NEGATIVE_INFINITY;
  return ({ churnProb: p }) => {
    if (p == null) return false; // unscored users are never in a score audience
    if (!isFiniteNumber(p)) return true; // malformed: the full rule explains it
    return (gt == null || p > above) && (topN == null || p >= threshold);
  };
}
