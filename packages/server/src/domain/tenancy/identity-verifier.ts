import type { FieldError } from "@nudge/schema";
import { AppError } from "../app-error.js";
import type { Clock } from "../clock.js";
import { everyProduct, type Invalidation } from "../delivery/invalidation.js";
import { mintIdentitySecret } from "./identity-secrets.js";
import type { IdentitySecretStore, ProductStore } from "./ports.js";
import { userHashMatches, userHashOf } from "./user-hash.js";

/** One distinct id a request acts for, the userHash sent with it, and that hash's field path. */
export interface IdentityClaim {
  distinctId: string;
  userHash: string | undefined;
  path: string;
}

interface Entry {
  /** The secret when the product verifies identities; null when it does not. */
  secret: string | null;
  at: number;
}

/** A batch of 500 anonymous events would otherwise list 500 identical errors. */
const maxErrors = 10;

/**
 * Enforces identity verification on client routes: when a product has it on, every distinct id
 * a request reads or writes for must come with `userHash = HMAC-SHA256(secret, distinctId)`,
 * so the public key alone cannot read another user's messages or spend their caps. The
 * product's setting and secret are cached like API keys (this runs on the hot path); a settings
 * change or a rotation publishes an invalidation that clears the entry on every node.
 */
export class IdentityVerifier {
  private readonly cache = new Map<string, Entry>();
  /** Bumped by every invalidation, so a read that raced one is not cached as fresh. */
  private generation = 0;

  constructor(
    private readonly storesOf: (productId: string) => {
      product: ProductStore;
      identitySecret: IdentitySecretStore;
    },
    private readonly clock: Clock,
    invalidation: Invalidation,
    private readonly ttlMs = 10_000,
  ) {
    invalidation.subscribe((productId) => {
      this.generation += 1;
      if (productId === everyProduct) this.cache.clear();
      else this.cache.delete(productId);
    });
  }

  /** Resolves when every claim holds (or the product does not verify); else a 401 naming each field. */
  async verify(productId: string, claims: IdentityClaim[]): Promise<void> {
    const secret = await this.secretOf(productId);
    if (secret === null) return;
    const expected = new Map<string, string>();
    const errors: FieldError[] = [];
    for (const { distinctId, userHash, path } of claims) {
      let hash = expected.get(distinctId);
      if (hash === undefined) {
        hash = userHashOf(secret, distinctId);
        expected.set(distinctId, hash);
      }
      if (userHash === undefined) {
        errors.push({ path, message: "is required: this product verifies user identities" });
      } else if (!userHashMatches(hash, userHash)) {
        errors.push({ path, message: "does not match the distinct id" });
      }
    }
    if (errors.length === 0) return;
    const shown = errors.slice(0, maxErrors);
    const more = errors.length > maxErrors ? ` (and ${errors.length - maxErrors} more)` : "";
    throw new AppError(
      "unauthorized",
      `Identity verification failed: ${shown.map((e) => `${e.path} ${e.message}`).join("; ")}${more}. ` +
        "Send userHash = hex HMAC-SHA256(the product's identity secret, distinctId), computed by your backend.",
      { errors: shown },
    );
  }

  private async secretOf(productId: string): Promise<string | null> {
    const now = this.clock.now();
    const generation = this.generation;
    const hit = this.cache.get(productId);
    if (hit && now - hit.at < this.ttlMs) return hit.secret;
    const stores = this.storesOf(productId);
    const product = await stores.product.get();
    const secret = product?.identityVerification
      ? (await stores.identitySecret.getOrCreate(mintIdentitySecret(), now)).secret
      : null;
    if (generation !== this.generation) return secret;
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(productId, { secret, at: now });
    return secret;
  }
}
