/**
 * The one registry of error codes. Every problem+json the API sends carries one
 * of these codes; the HTTP status and title come from here so they never drift.
 */
export const errorCodes = {
  validation_failed: { status: 400, title: "Your request has invalid fields" },
  bad_request: { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "Authentication required" },
  plan_limit_exceeded: { status: 402, title: "Plan limit reached" },
  forbidden: { status: 403, title: "Not allowed" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  not_acceptable: { status: 406, title: "Not acceptable" },
  conflict: { status: 409, title: "Conflict" },
  version_conflict: { status: 409, title: "Someone else saved this first" },
  already_set_up: { status: 409, title: "Nudge is already set up" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
