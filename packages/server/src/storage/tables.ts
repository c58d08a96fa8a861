/**
 * Row types as Kysely sees them. Both dialects store the same shapes: times are epoch
 * milliseconds (bigint in PostgreSQL, parsed back to number), booleans are 0/1 integers and
 * documents are JSON text, so store code never branches on the engine for a value's type.
 */
export interface OrganizationsTable {
  id: string;
  name: string;
  plan_limits: string;
  created_at: number;
}

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
}

export interface MembershipsTable {
  organization_id: string;
  account_id: string;
  role: string;
  created_at: number;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface ProductsTable {
  id: string;
  organization_id: string;
  name: string;
  settings: string;
  created_at: number;
  updated_at: number;
}

export interface ApiKeysTable {
  product_id: string;
  id: string;
  type: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface MessagesTable {
  product_id: string;
  id: string;
  name: string;
  status: string;
  priority: number;
  definition: string;
  experiment_id: string | null;
  variant_key: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface Database {
  organizations: OrganizationsTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  products: ProductsTable;
  api_keys: ApiKeysTable;
  messages: MessagesTable;
}
