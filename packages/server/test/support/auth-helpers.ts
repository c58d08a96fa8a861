import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { json } from "./fixtures.js";

/** A problem+json answer with this status and machine-readable code. */
export function expectProblemCode(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(json(res)).toMatchObject({ status, code });
}

export function sessionCookieOf(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === "nudge_session");
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return cookie;
}
