import type { Problem } from "@nudge/schema";
import { ApiError } from "./api-error";

export const apiBase = "/api/v1";

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Lets the request outlive the page (used to flush pending deletes on unload). */
  keepalive?: boolean;
}

/**
 * The one fetch wrapper: same-origin cookie session, JSON in and out, problem+json parsed into
 * an ApiError. Bodiless writes send no Content-Type (the server refuses an empty JSON body).
 *
 * @example const me = await api<Me>("/me");
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, signal, keepalive } = options;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
      ...(keepalive ? { keepalive } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, null, "Cannot reach the Nudge server. Check your connection.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? safeJson(text) : undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      asProblem(data),
      `${response.status} ${response.statusText}`,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asProblem(data: unknown): Problem | null {
  if (typeof data !== "object" || data === null) return null;
  const p = data as Partial<Problem>;
  return typeof p.status === "number" && typeof p.title === "string" ? (p as Problem) : null;
}

/** `/products/:pid` prefix for product-scoped routes. */
export const productPath = (productId: string, rest = "") =>
  `/products/${encodeURIComponent(productId)}${rest}`;
