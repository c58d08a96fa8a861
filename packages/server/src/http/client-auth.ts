import type { FastifyRequest } from "fastify";
import type { Services } from "../compose.js";
import { AppError } from "../domain/app-error.js";
import type { KeyRecord } from "../domain/tenancy/ports.js";
import { requirePrincipal } from "./auth.js";

/** Client routes take a product key (publishable, or secret for server-side callers). */
export async function requireClientKey(
  services: Services,
  request: FastifyRequest,
): Promise<KeyRecord> {
  const principal = await requirePrincipal(services, request);
  if (principal.kind !== "key") {
    throw new AppError(
      "unauthorized",
      "Client routes take a product's API key, not a dashboard session",
    );
  }
  return principal.key;
}
