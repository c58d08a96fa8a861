import type { Message } from "@nudge/schema";
import { formatDate } from "../../ui/format";

/** "On $pageview · /pricing", for a list row. */
export function describeTrigger(trigger: Message["trigger"]): string {
  const where = trigger.type !== "manual" && trigger.urlRegex ? ` · ${trigger.urlRegex}` : "";
  switch (trigger.type) {
    case "event":
      return `On ${trigger.event}${where}`;
    case "page":
      return `On page view${where}`;
    case "milestone":
      return `After milestone ${trigger.milestone}${where}`;
    case "manual":
      return "Shown by show() in your app";
  }
}

/** "Always", "From Mar 3", "Until Apr 1", "Mar 3 – Apr 1". */
export function describeSchedule(schedule: Message["schedule"]): string {
  const { startsAt, endsAt } = schedule;
  if (startsAt && endsAt) return `${formatDate(startsAt)} – ${formatDate(endsAt)}`;
  if (startsAt) return `From ${formatDate(startsAt)}`;
  if (endsAt) return `Until ${formatDate(endsAt)}`;
  return "Always";
}
