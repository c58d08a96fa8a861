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
