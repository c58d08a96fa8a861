import type { FastifyRequest } from "fastify";
import type { Services } from "../compose.js";
import { AppError } from "../domain/app-error.js";
import type { IdentityClaim } from "../domain/tenancy/identity-verifier.js";
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

/**
 * Identity verification, when the product has it on: each distinct id a publishable key acts
 * for must come with its userHash. A secret key is the customer's own backend, which holds the
 * identity secret anyway, so it is trusted for any user.
 */
export async function verifyIdentities(
  services: Services,
  key: KeyRecord,
  claims: IdentityClaim[],
): Promise<void> {
  if (key.type === "secret") return;
  await services.identity.verify(key.productId, claims);
}
