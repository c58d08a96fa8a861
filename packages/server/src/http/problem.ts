import { randomUUID } from "node:crypto";
import {
  type ErrorCode,
  errorCodes,
  type FieldError,
  type Problem,
  problemContentType,
} from "@nudge/schema";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../domain/app-error.js";

/** Builds an RFC 9457 body; the one place problem+json is shaped. */
export function problemOf(
  code: ErrorCode,
  detail: string,
  instance: string,
  errors?: FieldError[],
): Problem {
  const { status, title } = errorCodes[code];
  return {
    type: `urn:nudge:problem:${code}`,
    title,
    status,
    detail,
    instance,
    code,
    errorId: randomUUID(),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers?: Record<string, string>,
) {
  if (headers) reply.headers(headers);
  return reply.code(problem.status).type(problemContentType).send(problem);
}

// Fastify's own errors (bad JSON, wrong content type, body too large…) carry a 4xx statusCode;
// each maps to a registry code so clients can branch on `code`, not on prose.
const fastifyCodes: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "unavailable",
};

/** Seconds a client should wait after a 503 for an unreachable database (the SDK honours it). */
export const unavailableRetryAfterSeconds = 5;

// Node socket errors on the way to the database server.
const unavailableCodes = new Set([
  ...["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"],
  ...["ENOTFOUND", "EAI_AGAIN"],
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
  ...["57P01", "57P02", "57P03", "53300"],
  // SQLite: another connection held the lock longer than the busy timeout.
  ...["SQLITE_BUSY"],
]);
// node-postgres and pg-pool say it in prose only: a socket closed mid-query, a connect that
// timed out, a client that was broken or closed.
const unavailableMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * Whether `error` means "the database cannot be reached right now" rather than "this request
 * failed": a refused or reset connection, PostgreSQL shutting down or starting up, any SQLSTATE
 * connection exception (class 08). These answer 503 with Retry-After, so clients retry, instead
 * of a 500 that reads as a bug. Matched on code and message (and their causes) because http/
 * must not import the drivers.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== null && typeof e === "object"; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (unavailableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    if (typeof message === "string" && unavailableMessages.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * PostgreSQL refuses to store NUL in text (22021 "invalid byte sequence", 22P05 for jsonb); a
 * JavaScript string always encodes to valid UTF-8 otherwise, so this error is always the
 * client's input (a `%00` in a path, a NUL in a field): a 400, not a 500.
 */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "22021" || code === "22P05";
}

/** The single error handler: every failure leaves as problem+json; a 500 never shows internals. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const instance = request.url.split("?")[0] ?? "/";
  if (error instanceof AppError) {
    return sendProblem(
      reply,
      problemOf(error.code, error.message, instance, error.errors),
      error.headers,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const errors = error.validation.flatMap((v) => fieldErrorsOf(v, where));
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    return sendProblem(reply, problemOf("validation_failed", detail, instance, errors));
  }
  if (isUnstorableText(error)) {
    const detail =
      "Text in this request contains the NUL character (\\u0000), which is not allowed";
    return sendProblem(reply, problemOf("bad_request", detail, instance));
  }
  if (isDatabaseUnavailable(error)) {
    const problem = problemOf(
      "unavailable",
      "The database cannot be reached right now; retry shortly",
      instance,
    );
    request.log.warn({ err: error, errorId: problem.errorId }, "database unavailable");
    return sendProblem(reply, problem, { "retry-after": String(unavailableRetryAfterSeconds) });
  }
  const status = error.statusCode ?? 500;
  const code = fastifyCodes[status];
  if (status < 500 && code) {
    return sendProblem(reply, problemOf(code, publicMessage(error), instance));
  }
  const problem = problemOf(code ?? "internal", "Something went wrong on our side", instance);
  request.log.error({ err: error, errorId: problem.errorId }, "request failed");
  return sendProblem(reply, problem);
}

/**
 * Fastify's `frameworkErrors`: refusals made before routing finishes — a path whose
 * percent-encoding is broken (`/messages/%ZZ`), a path parameter over `maxParamLength`. Fastify's
 * own answers to these are plain JSON; like every other refusal they leave as problem+json.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const instance = request.url.split("?")[0] ?? "/";
  if (error.code === "FST_ERR_BAD_URL") {
    const detail = "The URL is not valid: a part of its path has broken percent-encoding";
    return sendProblem(reply, problemOf("bad_request", detail, instance));
  }
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    const detail = "A part of the URL's path is longer than any id (200 characters at most)";
    return sendProblem(reply, problemOf("bad_request", detail, instance));
  }
  return handleError(error, request, reply);
}

interface RawIssue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: unknown;
  errors?: unknown;
  input?: unknown;
}

function fieldErrorsOf(
  v: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> },
  where: string,
): FieldError[] {
  const base = v.instancePath.split("/").filter(Boolean);
  const prefix = where === "body" ? base : [where, ...base];
  const issue: RawIssue = {
    ...v.params,
    code: v.keyword,
    path: [],
    message: v.message ?? "is invalid",
  };
  return leafIssues(issue).map(({ path, message }) => ({
    path: [...prefix, ...path].map(String).join(".") || where,
    message,
  }));
}

/**
 * Resolves an issue to the field-level errors a person can act on. A union failure ("none of
 * the shapes matched") is replaced by the errors of the branch that came closest — the one with
 * the fewest signs of being the wrong shape — so `{trait, op: "like"}` is reported at `op`,
 * not as "invalid input" at the filter.
 */
function leafIssues(issue: RawIssue): { path: PropertyKey[]; message: string }[] {
  const path = issue.path ?? [];
  if (issue.code === "unrecognized_keys" && Array.isArray(issue.keys) && issue.keys.length > 0) {
    return issue.keys.map((key) => ({
      path: [...path, String(key)],
      message: "is not a known field",
    }));
  }
  if (issue.code === "invalid_union" && Array.isArray(issue.errors) && issue.errors.length > 0) {
    const branches = issue.errors.filter(Array.isArray) as RawIssue[][];
    const best = branches.reduce((a, b) => (wrongShape(b) < wrongShape(a) ? b : a));
    if (best && best.length > 0) {
      return best.flatMap((inner) =>
        leafIssues(inner).map((e) => ({ path: [...path, ...e.path], message: e.message })),
      );
    }
  }
  return [{ path, message: issue.message ?? "is invalid" }];
}

/** How strongly a union branch's issues say "this is not the shape you meant". */
function wrongShape(issues: RawIssue[]): number {
  let score = issues.length;
  for (const i of issues) {
    const atRoot = (i.path ?? []).length === 0;
    if (i.code === "unrecognized_keys" || (atRoot && i.code === "invalid_type")) score += 100;
    if (i.code === "invalid_type" && i.input === undefined) score += 10;
  }
  return score;
}

function publicMessage(error: FastifyError): string {
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return "The body is not valid JSON";
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return "The body is larger than this route accepts";
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return "Send JSON with Content-Type: application/json";
  }
  return error.message;
}
