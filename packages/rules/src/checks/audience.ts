import { checkFilter } from "../filter.js";
import { describeValue } from "../format.js";
import {
  type CheckInput,
  fail,
  InvalidDataError,
  isRecord,
  optionalRecord,
  pass,
  type Rec,
  type RuleResult,
  record,
} from "./read.js";

function scoreAudience(audience: Rec, { user, ctx }: CheckInput): RuleResult {
  const gt = audience.churnProbGt;
  if (gt != null && (typeof gt !== "number" || !Number.isFinite(gt))) {
    throw new InvalidDataError(`audience.churnProbGt must be a number, got ${describeValue(gt)}`);
  }
  const topN = audience.topN;
  if (topN != null && (typeof topN !== "number" || !Number.isInteger(topN) || topN < 0)) {
    throw new InvalidDataError(`audience.topN must be an integer ≥ 0, got ${describeValue(topN)}`);
  }
  const p = record(user, "user").churnProb;
  if (p == null) {
    return fail("audience", "User has no churn score; score audiences only include scored users");
  }
  if (typeof p !== "number" || !Number.isFinite(p)) {
    throw new InvalidDataError(`user.churnProb must be a number or null, got ${describeValue(p)}`);
  }
  const failed: string[] = [];
  const passed: string[] = [];
  if (gt != null) {
    if (p > gt) passed.push(`above ${gt}`);
    else failed.push(`not above ${gt}`);
  }
  if (topN === 0) {
    // No rank is below 0; do not ask the server for the score at rank -1.
    failed.push("not in the top 0 (a topN of 0 includes no one)");
  } else if (topN != null) {
    const c = record(ctx, "context");
    const fn = c.topNThreshold;
    if (typeof fn !== "function") {
      throw new InvalidDataError("context.topNThreshold must be a function");
    }
    // Called on the context so a method that uses `this` still works.
    const threshold: unknown = Reflect.apply(fn, c, [topN]);
    if (typeof threshold !== "number" || Number.isNaN(threshold)) {
      throw new InvalidDataError(
        `context.topNThreshold(${topN}) must return a number, got ${describeValue(threshold)}`,
      );
    }
    if (p < threshold) {
      failed.push(`not in the top ${topN} (the top ${topN} score at least ${threshold})`);
    } else if (threshold === -Infinity) {
      passed.push(`in the top ${topN} (the product has fewer than ${topN} scored users)`);
    } else {
      passed.push(`in the top ${topN} (the top ${topN} score at least ${threshold})`);
    }
  }
  if (gt == null && topN == null) {
    return pass("audience", `User has a churn score (${p}) and the score audience sets no limit`);
  }
  // Failing parts first: they are the answer to "why isn't it showing?".
  const head = `User's churnProb ${p} is `;
  if (failed.length === 0) return pass("audience", head + passed.join(" and "));
  const though = passed.length > 0 ? `, though ${passed.join(" and ")}` : "";
  return fail("audience", `${head}${failed.join(" and ")}${though}`);
}

function segmentAudience(audience: Rec, { user, ctx }: CheckInput): RuleResult {
  const id = audience.segmentId;
  if (typeof id !== "string") {
    throw new InvalidDataError(`audience.segmentId must be a string, got ${describeValue(id)}`);
  }
  const segments = record(record(ctx, "context").segments, "context.segments");
  const name = JSON.stringify(id);
  if (!Object.hasOwn(segments, id)) {
    return fail("audience", `Segment ${name} does not exist; an unknown segment matches no one`);
  }
  const traits = record(user, "user").traits;
  if (!isRecord(traits)) throw new InvalidDataError("user.traits must be an object");
  const r = checkFilter(segments[id], traits);
  if (!r.valid) throw new InvalidDataError(`segment ${name} has a malformed filter: ${r.error}`);
  return r.matched
    ? pass("audience", `User matches segment ${name}`)
    : fail("audience", `User does not match segment ${name}`);
}

function traitsAudience(audience: Rec, { user }: CheckInput): RuleResult {
  const traits = record(user, "user").traits;
  if (!isRecord(traits)) throw new InvalidDataError("user.traits must be an object");
  const r = checkFilter(audience.filter, traits);
  if (!r.valid) throw new InvalidDataError(`the audience has a malformed filter: ${r.error}`);
  return r.matched
    ? pass("audience", "User traits match the audience filter")
    : fail("audience", "User traits do not match the audience filter");
}

/** Absent audience = everyone; score, segment or trait filter otherwise (SPEC §4). */
export function checkAudience(input: CheckInput): RuleResult {
  const audience = optionalRecord(record(input.message, "message").audience, "audience");
  if (audience === null) return pass("audience", "No audience set; everyone qualifies");
  switch (audience.type) {
    case "score":
      return scoreAudience(audience, input);
    case "segment":
      return segmentAudience(audience, input);
    case "traits":
      return traitsAudience(audience, input);
    default:
      throw new InvalidDataError(
        `audience.type must be score, segment or traits, got ${describeValue(audience.type)}`,
      );
  }
}
