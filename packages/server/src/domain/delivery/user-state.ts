import type { BudgetHistory, CampaignHistory } from "@nudge/rules";
import type { ActiveSet } from "./active-set.js";
import type { HistoryRow } from "./ports.js";

const terminalTypes = new Set(["dismiss", "cta_click", "complete"]);

export const emptyHistory = (): CampaignHistory => ({
  impressions: 0,
  lastImpressionAt: null,
  terminals: 0,
  lastTerminalAt: null,
  lastDismissAt: null,
});

const later = (a: number | null, b: number) => (a === null || b > a ? b : a);

/**
 * Folds the user's interaction rows into per-campaign histories (summed over an experiment's
 * arms, SPEC §3) and the product-wide attention-budget history.
 */
export function foldHistory(
  rows: HistoryRow[],
  set: Pick<ActiveSet, "campaignOf" | "budgetExempt">,
): { campaigns: Map<string, CampaignHistory>; budget: BudgetHistory } {
  const campaigns = new Map<string, CampaignHistory>();
  const budget: BudgetHistory = {
    impressionsLast24h: 0,
    impressionsLast7d: 0,
    lastImpressionAt: null,
  };
  for (const row of rows) {
    const key = set.campaignOf.get(row.messageId) ?? row.messageId;
    let h = campaigns.get(key);
    if (!h) {
      h = emptyHistory();
      campaigns.set(key, h);
    }
    if (row.type === "impression") {
      h.impressions += row.count;
      h.lastImpressionAt = later(h.lastImpressionAt, row.last);
      if (!set.budgetExempt.has(row.messageId)) {
        budget.impressionsLast24h += row.countLastDay;
        budget.impressionsLast7d += row.countLastWeek;
        budget.lastImpressionAt = later(budget.lastImpressionAt, row.last);
      }
    } else if (terminalTypes.has(row.type)) {
      h.terminals += row.count;
      h.lastTerminalAt = later(h.lastTerminalAt, row.last);
      if (row.type === "dismiss") h.lastDismissAt = later(h.lastDismissAt, row.last);
    }
  }
  return { campaigns, budget };
}
