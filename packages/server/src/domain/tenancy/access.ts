import type { Role } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { KeyRecord, TenancyStore } from "./ports.js";

/** Who is calling: a product's API key, or a dashboard account with a session. */
export type Principal = { kind: "key"; key: KeyRecord } | { kind: "session"; accountId: string };

export interface ProductAccess {
  productId: string;
  organizationId: string;
  /** The account's role, or "secret_key" for server-to-server calls. */
  role: Role | "secret_key";
  /** Who acted, for audit fields: an account id or a key id. */
  actor: string;
}

export type AccessNeed = "read" | "write";

/**
 * Decides whether `principal` may touch `productId`. Foreign products answer 404, never 403,
 * so a caller cannot even learn that another tenant's product exists.
 */
export async function resolveProductAccess(
  store: TenancyStore,
  principal: Principal,
  productId: string,
  need: AccessNeed,
): Promise<ProductAccess> {
  if (principal.kind === "key") {
    const { key } = principal;
    if (key.type !== "secret") throw publishableOnAdmin();
    if (key.productId !== productId) throw notFound("Product");
    return { productId, organizationId: key.organizationId, role: "secret_key", actor: key.id };
  }
  const product = await store.findProduct(productId);
  if (!product) throw notFound("Product");
  const role = await store.roleIn(product.organizationId, principal.accountId);
  if (!role) throw notFound("Product");
  if (need === "write" && role === "viewer") {
    throw new AppError("forbidden", "Viewers can read but not change anything");
  }
  return { productId, organizationId: product.organizationId, role, actor: principal.accountId };
}

export function publishableOnAdmin(): AppError {
  return new AppError(
    "forbidden",
    "A publishable key only works with the client API; use a secret key or a dashboard session",
  );
}
