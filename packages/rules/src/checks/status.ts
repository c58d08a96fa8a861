import { describeValue } from "../format.js";
import { type CheckInput, fail, InvalidDataError, pass, type RuleResult, record } from "./read.js";

/** Only active messages are served; paused is a soft pause that keeps history (SPEC §2). */
export function checkStatus({ message }: CheckInput): RuleResult {
  const status = record(message, "message").status;
  switch (status) {
    case "active":
      return pass("status", "Message is active");
    case "paused":
      return fail("status", "Message is paused; only active messages are shown");
    case "draft":
      return fail("status", "Message is a draft; only active messages are shown");
    default:
      throw new InvalidDataError(
        `status must be draft, active or paused, got ${describeValue(status)}`,
      );
  }
}
