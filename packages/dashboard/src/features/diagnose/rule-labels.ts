/** Human names for the rules of the diagnose trace; unknown rules show their id. */
const labels: Record<string, string> = {
  auto_render: "Auto-render is on",
  trigger: "Trigger fires",
  url: "URL matches",
  status: "Message is active",
  schedule: "Within schedule",
  audience: "User is in the audience",
  cap: "Frequency cap",
  max_impressions: "Max impressions",
  min_interval: "Hours between impressions",
  dismiss_days: "Quiet days after dismiss",
  budget_day: "Daily attention budget",
  budget_week: "Weekly attention budget",
  budget_interval: "Minutes between messages",
};

export const ruleLabel = (rule: string) => labels[rule] ?? rule.replaceAll("_", " ");
