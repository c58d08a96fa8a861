import { assignArm, bucketOf, type Check } from "@nudge/rules";
import type { Message } from "@nudge/schema";
import type { ActiveSet } from "./active-set.js";
import { toEntry } from "./active-set.js";
import type { DeliveryService, UserSnapshot } from "./delivery-service.js";
import { linearMatch } from "./linear-regex.js";
import type { DeliveryStore } from "./ports.js";

/** A check of the trace; delivery checks beyond the rules engine use their own names. */
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

const autoCaptured = new Set(["$pageview", "$click", "$form_submit"]);

/** Loads what a diagnosis needs, including a topN threshold an inactive message would lack. */
export async function runDiagnosis(
  delivery: DeliveryService,
  store: DeliveryStore,
  message: Message,
  input: { distinctId: string; path?: string | undefined; event?: string | undefined },
  now: number,
): Promise<Diagnosis> {
  const [cached, user] = await Promise.all([
    delivery.activeSet(store.productId),
    delivery.snapshot(store.productId, input.distinctId),
  ]);
  let set = cached;
  const topN = message.audience?.type === "score" ? message.audience.topN : undefined;
  if (topN !== undefined && !set.thresholds.has(topN)) {
    const thresholds = new Map(set.thresholds).set(topN, await store.scoreThreshold(topN));
    const topNThreshold = (n: number) => thresholds.get(n) ?? Number.POSITIVE_INFINITY;
    set = { ...set, thresholds, context: { ...set.context, topNThreshold } };
  }
  return diagnose(delivery, set, message, user, input, now);
}

/**
 * "Why isn't it showing?": the same evaluate() the hot path runs, plus the checks the SDK makes
 * in the page (auto-render, trigger, URL) — the five causes of the troubleshooting guide.
 */
export function diagnose(
  delivery: DeliveryService,
  set: ActiveSet,
  message: Message,
  user: UserSnapshot,
  input: { path?: string | undefined; event?: string | undefined },
  now: number,
): Diagnosis {
  const entry = toEntry(message);
  const trace = delivery.explain(set, entry, user, now);
  const checks: DiagnoseCheck[] = [
    autoRenderCheck(set),
    triggerCheck(message, user, input.event),
    urlCheck(message, input.path),
    ...variantCheck(set, message, user),
    ...trace.checks.map((c: Check) => ({ ...c })),
  ];
  return {
    messageId: message.id,
    distinctId: user.profile.distinctId,
    visible: checks.every((c) => c.passed),
    checks,
    notes: [
      "The SDK caches the active list for up to 5 minutes; reload the site to see a change at once.",
      "A session cap is enforced in the browser (sessionStorage), not by the server.",
    ],
  };
}

/** For an arm of an experiment: does the shared bucketing put this user in this arm? */
function variantCheck(set: ActiveSet, message: Message, user: UserSnapshot): DiagnoseCheck[] {
  if (!message.experimentId) return [];
  const rule = "variant";
  const campaign = set.entries.find((e) => e.experiment?.id === message.experimentId);
  if (!campaign?.experiment) {
    return [{ rule, passed: false, reason: "No arm of this experiment is active" }];
  }
  const { flagKey, weights } = campaign.experiment;
  const assigned = assignArm(weights, bucketOf(flagKey, user.profile.distinctId));
  return assigned === message.variantKey
    ? [{ rule, passed: true, reason: `This user is in the "${assigned}" arm, this message's arm` }]
    : [
        {
          rule,
          passed: false,
          reason: `This user is bucketed into the "${assigned ?? "none"}" arm, not "${message.variantKey}"`,
        },
      ];
}

function autoRenderCheck(set: ActiveSet): DiagnoseCheck {
  return set.autoRender
    ? { rule: "auto_render", passed: true, reason: "Auto-render is on for this product" }
    : {
        rule: "auto_render",
        passed: false,
        reason:
          "Auto-render is off for this product: the SDK renders nothing by itself (turn it on in Settings, or render through the headless API)",
      };
}

function triggerCheck(
  message: Message,
  user: UserSnapshot,
  event: string | undefined,
): DiagnoseCheck {
  const { trigger } = message;
  const rule = "trigger";
  switch (trigger.type) {
    case "manual":
      return {
        rule,
        passed: true,
        reason: "Manual trigger: renders when the app calls show(messageId)",
      };
    case "page":
      if (event === undefined || event === "$pageview") {
        return { rule, passed: true, reason: "Page trigger: fires on every page view" };
      }
      return { rule, passed: false, reason: `Page trigger fires on $pageview, not on "${event}"` };
    case "milestone": {
      const reached = user.profile.milestones.includes(trigger.milestone);
      return reached
        ? {
            rule,
            passed: true,
            reason: `Milestone "${trigger.milestone}" was reached by this user`,
          }
        : {
            rule,
            passed: false,
            reason: `Milestone "${trigger.milestone}" has not been reached by this user (the app calls milestone("${trigger.milestone}"))`,
          };
    }
    case "event": {
      if (event === undefined) {
        const hint = autoCaptured.has(trigger.event) ? " (auto-captured)" : "";
        return { rule, passed: true, reason: `Fires when the SDK sees "${trigger.event}"${hint}` };
      }
      return event === trigger.event
        ? { rule, passed: true, reason: `Event "${event}" matches the trigger` }
        : {
            rule,
            passed: false,
            reason: `The trigger waits for "${trigger.event}" but the event was "${event}" (names are case-sensitive)`,
          };
    }
  }
}

function urlCheck(message: Message, path: string | undefined): DiagnoseCheck {
  const rule = "url";
  const regex = "urlRegex" in message.trigger ? message.trigger.urlRegex : undefined;
  if (!regex) return { rule, passed: true, reason: "No URL regex: any page" };
  if (path === undefined) {
    return {
      rule,
      passed: true,
      reason: `Only on paths matching ${regex} (give a path to test it)`,
    };
  }
  const matched = linearMatch(regex, path);
  if (matched === null) {
    return {
      rule,
      passed: false,
      reason: `The URL regex ${regex} uses syntax the server cannot test`,
    };
  }
  return matched
    ? { rule, passed: true, reason: `"${path}" matches ${regex}` }
    : {
        rule,
        passed: false,
        reason: `"${path}" does not match ${regex} (it is tested against location.pathname, without the domain or query string)`,
      };
}
