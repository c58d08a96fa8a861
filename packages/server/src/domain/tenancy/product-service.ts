import type { ApiKey, KeyType, Product, ProductPatch } from "@nudge/schema";
import { AppError, notFound } from "../app-error.js";
import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import { newId } from "../ids.js";
import { type Principal, publishableOnAdmin } from "./access.js";
import { mintKey } from "./api-keys.js";
import { defaultProductSettings } from "./default-settings.js";
import type { ProductStore, TenancyStore } from "./ports.js";

/** Products and their keys, for callers whose access was already resolved. */
export class ProductService {
  constructor(
    private readonly tenancy: TenancyStore,
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  async list(principal: Principal): Promise<Product[]> {
    if (principal.kind === "key") {
      if (principal.key.type !== "secret") throw publishableOnAdmin();
      const product = await this.tenancy.findProduct(principal.key.productId);
      return product ? [product] : [];
    }
    const memberships = await this.tenancy.memberships(principal.accountId);
    return this.tenancy.productsOfOrganizations(memberships.map((m) => m.organizationId));
  }

  /** Only an organization's owner may add products; keys are bound to one product and cannot. */
  async create(principal: Principal, name: string, organizationId?: string): Promise<Product> {
    if (principal.kind === "key") {
      throw new AppError("forbidden", "Products are created from a dashboard session by an owner");
    }
    const memberships = await this.tenancy.memberships(principal.accountId);
    const target = organizationId
      ? memberships.find((m) => m.organizationId === organizationId)
      : memberships.length === 1
        ? memberships[0]
        : undefined;
    if (!target) {
      if (organizationId) throw notFound("Organization");
      throw new AppError("validation_failed", "organizationId: choose an organization", {
        errors: [{ path: "organizationId", message: "required when you belong to several" }],
      });
    }
    if (target.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can create products");
    }
    return this.tenancy.createProduct(
      {
        id: newId("prd"),
        organizationId: target.organizationId,
        name,
        settings: defaultProductSettings,
      },
      this.clock.now(),
    );
  }

  async get(store: ProductStore): Promise<Product> {
    const product = await store.get();
    if (!product) throw notFound("Product");
    return product;
  }

  async update(store: ProductStore, patch: ProductPatch): Promise<Product> {
    const { name, ...settings } = patch;
    const updated = await store.update(
      { ...(name === undefined ? {} : { name }), settings },
      this.clock.now(),
    );
    if (!updated) throw notFound("Product");
    this.invalidation.publish(store.productId);
    return updated;
  }

  async createKey(
    store: ProductStore,
    type: KeyType,
    name: string,
  ): Promise<ApiKey & { key: string }> {
    const minted = mintKey(type, name);
    const created = await store.createKey(minted.record, this.clock.now());
    return { ...created, key: minted.key };
  }

  async revokeKey(store: ProductStore, keyId: string): Promise<void> {
    if (!(await store.revokeKey(keyId, this.clock.now()))) throw notFound("API key");
    // Key caches on every node drop this product's keys, so the revoked key stops at once.
    this.invalidation.publish(store.productId);
  }
}
