import type { MessageCreate } from "@nudge/schema";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Services } from "../../src/compose.js";
import { provisionTenant } from "../../src/domain/tenancy/setup-service.js";

export interface Tenant {
  organizationId: string;
  productId: string;
  publishableKey: string;
  secretKey: string;
  email: string;
  password: string;
}

let counter = 0;

/** A further organization with its own owner, product and keys (the first run is `POST /setup`). */
export async function addTenant(services: Services, label = "tenant"): Promise<Tenant> {
  counter += 1;
  const email = `${label}-${counter}-${Date.now()}@example.com`;
  const password = "correct horse battery";
  const result = await provisionTenant(
    services.stores.tenancy,
    services.clock,
    { email, password, organizationName: `${label} org`, productName: `${label} product` },
    { firstRun: false },
  );
  return { ...result, email, password };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A valid two-step message (modal + tooltip); override any field. */
export function buildMessage(overrides: Partial<MessageCreate> = {}): Record<string, unknown> {
  return {
    name: "Welcome tour",
    trigger: { type: "page", urlRegex: "^/app", delaySeconds: 2 },
    steps: [
      {
        type: "modal",
        title: "Welcome",
        body: "Let us show you around",
        ctaText: "Start",
        ctaUrl: "/start",
      },
      { type: "tooltip", selector: "#new-project", body: "Create your first project here" },
    ],
    ...overrides,
  };
}

/** Logs in and returns the session cookie header for app.inject(). */
export async function login(app: FastifyInstance, email: string, password: string) {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "nudge_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `nudge_session=${cookie.value}` };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** Asserts nothing; returns the field paths of a problem+json for concise expectations. */
export function problemPaths(res: LightMyRequestResponse): string[] {
  const body = res.json() as { errors?: { path: string }[] };
  return (body.errors ?? []).map((e) => e.path);
}
