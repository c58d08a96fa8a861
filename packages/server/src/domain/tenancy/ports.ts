import type { ApiKey, AttentionBudget, KeyType, Product, Role } from "@nudge/schema";

export interface PlanLimits {
  maxMessagesPerProduct?: number;
}

export interface ProductSettings {
  autoRender: boolean;
  attentionBudget: AttentionBudget | null;
  identityVerification: boolean;
}

export interface AccountRecord {
  id: string;
  email: string;
  passwordHash: string;
}

export interface Membership {
  organizationId: string;
  organizationName: string;
  role: Role;
}

/** The key a request presented, resolved to the product it belongs to. */
export interface KeyRecord {
  id: string;
  productId: string;
  organizationId: string;
  type: KeyType;
  revoked: boolean;
}

/** Tenancy rows that are not owned by one product (organizations, accounts, sessions). */
export interface TenancyStore {
  countAccounts(): Promise<number>;
  /**
   * Creates org + owner account + first product + its keys atomically. With `onlyIfNoAccounts`
   * (first run) it creates nothing and answers false when any account exists.
   */
  createTenant(input: {
    onlyIfNoAccounts: boolean;
    organization: { id: string; name: string };
    account: { id: string; email: string; passwordHash: string };
    product: { id: string; name: string; settings: ProductSettings };
    keys: NewKey[];
    now: number;
  }): Promise<boolean>;
  findAccountByEmail(email: string): Promise<AccountRecord | null>;
  findAccount(id: string): Promise<AccountRecord | null>;
  createAccount(account: AccountRecord, now: number): Promise<boolean>;
  addMembership(organizationId: string, accountId: string, role: Role, now: number): Promise<void>;
  memberships(accountId: string): Promise<Membership[]>;
  members(organizationId: string): Promise<{ accountId: string; email: string; role: Role }[]>;
  removeMembership(organizationId: string, accountId: string): Promise<void>;
  roleIn(organizationId: string, accountId: string): Promise<Role | null>;
  planLimits(organizationId: string): Promise<PlanLimits>;
  setPlanLimits(organizationId: string, limits: PlanLimits): Promise<void>;

  createSession(
    tokenHash: string,
    accountId: string,
    now: number,
    expiresAt: number,
  ): Promise<void>;
  findSession(tokenHash: string, now: number): Promise<{ accountId: string } | null>;
  deleteSession(tokenHash: string): Promise<void>;

  findKeyByHash(keyHash: string): Promise<KeyRecord | null>;
  touchKey(productId: string, keyId: string, now: number): Promise<void>;

  productsOfOrganizations(organizationIds: string[]): Promise<Product[]>;
  findProduct(productId: string): Promise<Product | null>;
  createProduct(
    product: { id: string; organizationId: string; name: string; settings: ProductSettings },
    now: number,
  ): Promise<Product>;
}

export interface NewKey {
  id: string;
  type: KeyType;
  name: string;
  prefix: string;
  keyHash: string;
}

/** Rows of one product: the store is built for that product and cannot reach another. */
export interface ProductStore {
  readonly productId: string;
  get(): Promise<Product | null>;
  update(
    patch: { name?: string; settings?: Partial<ProductSettings> },
    now: number,
  ): Promise<Product | null>;
  listKeys(): Promise<ApiKey[]>;
  createKey(key: NewKey, now: number): Promise<ApiKey>;
  revokeKey(keyId: string, now: number): Promise<boolean>;
}

export interface StoredIdentitySecret {
  secret: string;
  createdAt: number;
}

/** One product's identity-verification secret; the store is bound to that product. */
export interface IdentitySecretStore {
  get(): Promise<StoredIdentitySecret | null>;
  /** Stores `candidate` unless the product already has a secret; answers the stored one. */
  getOrCreate(candidate: string, now: number): Promise<StoredIdentitySecret>;
  /** Replaces the secret, or creates it. */
  replace(secret: string, now: number): Promise<StoredIdentitySecret>;
}
