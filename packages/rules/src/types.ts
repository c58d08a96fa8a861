/**
 * Shapes shared by the server and the browser SDK. They describe well-formed input, but every
 * function of this package also accepts garbage at runtime (JSON from a database or the network
 * can be anything) and fails closed instead of throwing.
 */

export type FilterOp =
  | "eq"
  | "neq"
  | "in"
  | "nin"
  | "contains"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "exists"
  | "not_exists"
  | "before"
  | "after";

export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  | { trait: string; op: FilterOp; value?: unknown };

export type Status = "draft" | "active" | "paused";

export type Audience =
  | { type: "score"; churnProbGt?: number; topN?: number }
  | { type: "segment"; segmentId: string }
  | { type: "traits"; filter: Filter };

/** `cap` defaults to "ever" (SPEC §2). */
export interface Frequency {
  cap?: "ever" | "day" | "session" | "none";
  maxImpressions?: number;
  minIntervalHours?: number;
  dismissDays?: number;
}

export interface RuleMessage {
  id: string;
  status: Status;
  audience?: Audience | null;
  frequency?: Frequency | null;
  schedule?: { startsAt?: string | null; endsAt?: string | null } | null;
  experimentId?: string | null;
  ignoreBudget?: boolean;
}

/**
 * What the server knows of one user's past with ONE campaign (campaign = all arms of an
 * experiment, else the message), already summed over arms. Times are epoch ms; a time that is
 * null (or omitted) means "never happened". Counts are required: a missing count fails closed.
 */
export interface CampaignHistory {
  impressions: number;
  lastImpressionAt: number | null;
  terminals: number;
  lastTerminalAt: number | null;
  lastDismissAt: number | null;
  /** Only read when the SDK enforces `cap: "session"` (EvalContext.enforcer === "sdk"). */
  shownThisSession?: boolean;
}

/** Over impressions of non-exempt messages of the product (ignoreBudget messages do not count). */
export interface BudgetHistory {
  impressionsLast24h: number;
  impressionsLast7d: number;
  lastImpressionAt: number | null;
}

export interface AttentionBudget {
  maxPerDay?: number;
  maxPerWeek?: number;
  minMinutesBetween?: number;
}

export interface UserState {
  distinctId: string;
  traits: Readonly<Record<string, unknown>>;
  churnProb: number | null;
  history: CampaignHistory;
  budget: BudgetHistory;
}

export interface EvalContext {
  /** segmentId → filter; an unknown segment makes the audience fail (closed). */
  segments: Readonly<Record<string, Filter>>;
  /**
   * churnProb of the user at rank topN-1 (rank = number of users with strictly greater
   * churnProb; rank 0 = highest), i.e. the topN-th highest score counting ties; -Infinity when
   * the product has fewer than topN scored users. The server keeps these thresholds so topN
   * never counts the table per request.
   */
  topNThreshold: (topN: number) => number;
  attentionBudget?: AttentionBudget | null;
  /**
   * "server" (default): the session cap is not filtered (the check passes and its reason says
   * the SDK enforces it); "sdk": the session cap filters on history.shownThisSession.
   */
  enforcer?: "server" | "sdk";
}

export type RuleName =
  | "status"
  | "schedule"
  | "audience"
  | "cap"
  | "max_impressions"
  | "min_interval"
  | "dismiss_days"
  | "budget_day"
  | "budget_week"
  | "budget_interval";

/** `reason` is one human sentence for the dashboard's "Why isn't it showing?" trace. */
export interface Check {
  rule: RuleName;
  passed: boolean;
  reason: string;
}

export interface Evaluation {
  /** Always `checks.every((c) => c.passed)`. */
  visible: boolean;
  checks: Check[];
}

export interface Arm {
  key: string;
  /** Relative: 50/50 and 0.5/0.5 split the same way. */
  weight: number;
}
