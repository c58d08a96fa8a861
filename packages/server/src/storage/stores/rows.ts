import type { ApiKey, KeyType, Product } from "@nudge/schema";
import type { ProductSettings } from "../../domain/tenancy/ports.js";
import type { ApiKeysTable, ProductsTable } from "../tables.js";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toProduct(row: ProductsTable): Product {
  const settings = parseJson<Partial<ProductSettings>>(row.settings, {});
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    autoRender: settings.autoRender ?? false,
    attentionBudget: settings.attentionBudget ?? null,
    identityVerification: settings.identityVerification ?? false,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toApiKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    type: row.type as KeyType,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export { iso };
