/**
 * Runs spec/cases.json against any implementation of the rules API, so the server, this
 * package and the browser SDK (or a port in another language, by reading this file) are held to
 * the same cases. Framework-free: it returns thunks; the caller's test runner compares.
 */
import type {
  Arm,
  AttentionBudget,
  EvalContext,
  Evaluation,
  Filter,
  RuleMessage,
  RuleName,
  UserState,
} from "../src/types.js";

export interface RulesImplementation {
  fnv1a32(input: string): number;
  bucketOf(flagKey: string, distinctId: string): number;
  assignArm(arms: readonly Arm[], bucket: number): string | null;
  matchFilter(filter: Filter, traits: Readonly<Record<string, unknown>>): boolean;
  matchesPath(urlRegex: string | null | undefined, path: string): boolean;
  isLikelySafeRegex(src: string): { safe: boolean };
  evaluate(message: RuleMessage, user: UserState, ctx: EvalContext, now: number): Evaluation;
}

export interface EvaluateCase {
  name: string;
  message: RuleMessage;
  user: UserState;
  context: {
    segments: Record<string, Filter>;
    /** topN (as a string) → threshold; missing or null = -Infinity (fewer than topN scored). */
    topNThresholds: Record<string, number | null>;
    attentionBudget?: AttentionBudget | null;
    enforcer?: "server" | "sdk";
  };
  /** ISO-8601 UTC. */
  now: string;
  expected: { visible: boolean; failed: RuleName[] };
}

export interface CasesFile {
  version: number;
  sources: Record<string, string>;
  fnv1a32: [string, number][];
  bucket: [string, string, number][];
  assignArm: [Arm[], number, string | null][];
  filter: [string, Filter, Record<string, unknown>, boolean][];
  matchesPath: [string, string | null, string, boolean][];
  safeRegex: [string, boolean][];
  evaluate: EvaluateCase[];
}

export interface ConformanceCase {
  section: Exclude<keyof CasesFile, "version" | "sources">;
  name: string;
  run: () => unknown;
  expected: unknown;
}

/** The EvalContext a case describes (JSON cannot hold a function or -Infinity). */
export function contextOf(c: EvaluateCase): EvalContext {
  const thresholds = c.context.topNThresholds;
  return {
    segments: c.context.segments,
    topNThreshold: (topN) => thresholds[String(topN)] ?? Number.NEGATIVE_INFINITY,
    attentionBudget: c.context.attentionBudget ?? null,
    ...(c.context.enforcer === undefined ? {} : { enforcer: c.context.enforcer }),
  };
}

/** Every case of `cases` as a named thunk and its expected value, for any test runner. */
export function conformanceCases(cases: CasesFile, impl: RulesImplementation): ConformanceCase[] {
  if (cases.version !== 1) throw new Error(`unsupported cases.json version ${cases.version}`);
  const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
  return [
    ...cases.fnv1a32.map(
      ([input, expected]): ConformanceCase => ({
        section: "fnv1a32",
        name: show(input).slice(0, 60),
        run: () => impl.fnv1a32(input),
        expected,
      }),
    ),
    ...cases.bucket.map(
      ([flag, id, expected]): ConformanceCase => ({
        section: "bucket",
        name: show(`${flag}:${id}`),
        run: () => impl.bucketOf(flag, id),
        expected,
      }),
    ),
    ...cases.assignArm.map(
      ([arms, bucket, expected]): ConformanceCase => ({
        section: "assignArm",
        name: `${arms.map((a) => `${a.key}=${a.weight}`).join("/") || "no arms"} @ ${bucket}`,
        run: () => impl.assignArm(arms, bucket),
        expected,
      }),
    ),
    ...cases.filter.map(
      ([name, filter, traits, expected]): ConformanceCase => ({
        section: "filter",
        name,
        run: () => impl.matchFilter(filter, traits),
        expected,
      }),
    ),
    ...cases.matchesPath.map(
      ([name, regex, path, expected]): ConformanceCase => ({
        section: "matchesPath",
        name,
        run: () => impl.matchesPath(regex, path),
        expected,
      }),
    ),
    ...cases.safeRegex.map(
      ([regex, expected]): ConformanceCase => ({
        section: "safeRegex",
        name: show(regex).slice(0, 60),
        run: () => impl.isLikelySafeRegex(regex).safe,
        expected,
      }),
    ),
    ...cases.evaluate.map(
      (c): ConformanceCase => ({
        section: "evaluate",
        name: c.name,
        run: () => {
          const result = impl.evaluate(c.message, c.user, contextOf(c), Date.parse(c.now));
          const failed = result.checks.filter((check) => !check.passed).map((check) => check.rule);
          return { visible: result.visible, failed };
        },
        expected: c.expected,
      }),
    ),
  ];
}
