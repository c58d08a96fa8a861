/** Aggregates over interactions; `messageId` null = every message of the product. */
export interface StatsStore {
  totals(messageId: string | null, since: number): Promise<StatRow[]>;
  daily(messageId: string | null, since: number): Promise<DailyRow[]>;
  byStep(messageId: string, since: number): Promise<StepRow[]>;
  eventNames(limit: number): Promise<{ name: string; lastSeen: number }[]>;
}

export interface StatRow {
  messageId: string;
  type: string;
  count: number;
  users: number;
}

export interface DailyRow {
  day: number;
  type: string;
  count: number;
}

export interface StepRow {
  step: number;
  type: string;
  count: number;
}
