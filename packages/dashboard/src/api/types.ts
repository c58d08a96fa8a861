import type { Experiment } from "@nudge/schema";

/** Response shapes the server returns that @nudge/schema does not name. */

export type InteractionCounts = {
  impression: number;
  dismiss: number;
  cta_click: number;
  complete: number;
};

export interface Rates {
  dismiss: number;
  ctaClick: number;
  complete: number;
}

export interface MessageStats {
  messageId: string;
  counts: InteractionCounts;
  users: InteractionCounts;
  rates: Rates;
  daily: { date: string; counts: InteractionCounts }[];
  steps: { step: number; counts: InteractionCounts }[];
}

export interface ProductStats {
  total: number;
  active: number;
  impressions: number;
  messages: { messageId: string; counts: InteractionCounts; rates: Rates }[];
  daily: { date: string; counts: InteractionCounts }[];
}

export interface DiagnoseCheck {
  rule: string;
  passed: boolean;
  reason: string;
}

export interface Diagnosis {
  messageId: string;
  distinctId: string;
  visible: boolean;
  checks: DiagnoseCheck[];
  notes: string[];
}

export interface EventName {
  name: string;
  lastSeen: string;
}

export interface Me {
  account: { id: string; email: string };
  organizations: { id: string; name: string; role: "owner" | "editor" | "viewer" }[];
}

export interface Member {
  accountId: string;
  email: string;
  role: "owner" | "editor" | "viewer";
}

export interface SetupResult {
  organizationId: string;
  productId: string;
  publishableKey: string;
  secretKey: string;
}

/** `GET …/experiments/:id/results`: counts per arm, then the server's Bayesian read-out. */
export interface ExperimentResults {
  experiment: Experiment;
  arms: {
    key: string;
    /** The weight the test ran with (kept after "Apply winner"). */
    weight: number;
    messageId: string;
    exposures: number;
    conversions: number;
    dismissals: number;
  }[];
  analysis: ExperimentAnalysis;
}

export interface BetaPosterior {
  alpha: number;
  beta: number;
  mean: number;
  /** Equal-tailed 95% credible interval of the conversion rate. */
  ci95: [number, number];
}

export interface ArmAnalysis {
  key: string;
  weight: number;
  isControl: boolean;
  exposures: number;
  conversions: number;
  conversionRate: number;
  posterior: BetaPosterior;
  /** P(this arm's rate > the control's); null for the control. */
  probBeatControl: number | null;
  probBest: number;
  /** Expected loss of choosing this arm, relative to the control's rate (0.005 = 0.5%). */
  expectedLoss: number;
  /** 95% interval of the relative uplift over the control; null for the control. */
  upliftCi95: [number, number] | null;
  dismissals: number | null;
  dismissRate: number | null;
  guardrailBreached: boolean;
}

export type Verdict =
  | { kind: "winner"; variantKey: string }
  | { kind: "keep_running" | "no_difference" | "check_setup"; reason: string };

export interface ExperimentAnalysis {
  controlKey: string;
  arms: ArmAnalysis[];
  srm: { chiSquare: number; df: number; pValue: number; warning: boolean };
  verdict: Verdict;
  method: Record<string, string>;
}
