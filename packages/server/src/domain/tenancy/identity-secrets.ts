import type { IdentitySecret } from "@nudge/schema";
import type { Clock } from "../clock.js";
import type { Invalidation } from "../delivery/invalidation.js";
import { secretToken } from "../ids.js";
import type { IdentitySecretStore, StoredIdentitySecret } from "./ports.js";

/**
 * 256 random bits. Unlike API keys it is stored as-is, not hashed: checking a userHash means
 * computing the HMAC, which needs the key itself. Encrypting it at rest would only help with a
 * key kept outside the database (an env var a first run does not have), and anyone holding the
 * database already holds every user's data the hash protects; rotating is the remedy for a leak.
 */
export const mintIdentitySecret = () => secretToken("idv");

const toApi = (s: StoredIdentitySecret): IdentitySecret => ({
  secret: s.secret,
  createdAt: new Date(s.createdAt).toISOString(),
});

/** Shows and rotates a product's identity secret, for callers whose access was resolved. */
export class IdentitySecrets {
  constructor(
    private readonly clock: Clock,
    private readonly invalidation: Invalidation,
  ) {}

  /** The product's secret, made on first use so every product has one to show. */
  async reveal(store: IdentitySecretStore): Promise<IdentitySecret> {
    return toApi(await store.getOrCreate(mintIdentitySecret(), this.clock.now()));
  }

  /** A new secret: hashes made with the old one stop working at once, on every node. */
  async rotate(store: IdentitySecretStore, productId: string): Promise<IdentitySecret> {
    const rotated = await store.replace(mintIdentitySecret(), this.clock.now());
    this.invalidation.publish(productId);
    return toApi(rotated);
  }
}
