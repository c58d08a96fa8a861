import { describeValue, formatAgo, formatInstant } from "../format.js";
import {
  type CheckInput,
  count,
  DAY_MS,
  eventTime,
  fail,
  frequencyOf,
  historyOf,
  InvalidDataError,
  nowMs,
  pass,
  type RuleResult,
  record,
} from "./read.js";

const TERMINALS = "dismiss, CTA click or completion";

/** The session cap lives in sessionStorage, so only the SDK can enforce it (SPEC §3). */
function sessionCap({ user, ctx }: CheckInput): RuleResult {
  const enforcer = record(ctx, "context").enforcer ?? "server";
  if (enforcer === "server") {
    return pass(
      "cap",
      "Cap is session: the SDK shows it once per browser session; the server does not filter it",
    );
  }
  if (enforcer !== "sdk") {
    throw new InvalidDataError(
      `context.enforcer must be server or sdk, got ${describeValue(enforcer)}`,
    );
  }
  const shown = historyOf(user).shownThisSession ?? false;
  if (typeof shown !== "boolean") {
    throw new InvalidDataError(
      `user.history.shownThisSession must be a boolean, got ${describeValue(shown)}`,
    );
  }
  return shown
    ? fail("cap", "Already shown in this browser session; cap is session")
    : pass("cap", "Not shown yet in this browser session; cap is session");
}

/** Only terminal interactions (dismiss, cta_click, complete) consume the cap (SPEC §3). */
export function checkCap(input: CheckInput): RuleResult {
  const cap = frequencyOf(input.message).cap ?? "ever";
  switch (cap) {
    case "ever": {
      const n = count(historyOf(input.user), "terminals", "user.history.terminals");
      return n > 0
        ? fail("cap", "User already dismissed, clicked or completed this campaign; cap is ever")
        : pass("cap", `No ${TERMINALS} yet; cap is ever`);
    }
    case "day": {
      const last = eventTime(
        historyOf(input.user),
        "lastTerminalAt",
        "user.history.lastTerminalAt",
      );
      if (last === null) return pass("cap", `No ${TERMINALS} yet; cap is day`);
      const t = nowMs(input.now);
      const ago = () => `Last ${TERMINALS} was ${formatAgo(last, t)}`;
      // Exactly 24 h later it may show again: the window is half-open.
      return t - last < DAY_MS
        ? fail("cap", () => `${ago()}; cap is day (hidden until ${formatInstant(last + DAY_MS)})`)
        : pass("cap", () => `${ago()}; cap is day, so it may show again`);
    }
    case "session":
      return sessionCap(input);
    case "none":
      return pass("cap", "Cap is none; dismissing, clicking or completing never hides it");
    default:
      throw new InvalidDataError(
        `frequency.cap must be ever, day, session or none, got ${describeValue(cap)}`,
      );
  }
}
