import type { FieldError, Problem } from "@nudge/schema";

/**
 * A failed API call, parsed from RFC 9457 problem+json. `fieldErrors` maps dotted paths
 * (`steps.1.selector`) to messages so forms can show each one beside its input.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? (status === 0 ? "network" : "unknown");
    this.fieldErrors = toFieldMap(problem?.errors ?? []);
  }

  get title(): string {
    return this.problem?.title ?? (this.status === 0 ? "Network error" : "Request failed");
  }
}

export function toFieldMap(errors: readonly FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors) map[e.path] ??= e.message;
  return map;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** A short, human sentence for a toast or an alert. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
