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

export interface UsersTable {
  product_id: string;
  distinct_id: string;
  traits: string;
  milestones: string;
  churn_prob: number | null;
  merged_into: string | null;
  created_at: number;
  updated_at: number;
}

export interface InteractionsTable {
  product_id: string;
  uuid: string;
  message_id: string;
  distinct_id: string;
  type: string;
  step: number | null;
  variant_key: string | null;
  ts: number;
  received_at: number;
}

export interface EventsTable {
  product_id: string;
  uuid: string;
  event: string;
  distinct_id: string;
  properties: string;
  ts: number;
  received_at: number;
}

export interface EventNamesTable {
  product_id: string;
  name: string;
  last_seen: number;
}

export interface SegmentsTable {
  product_id: string;
  id: string;
  name: string;
  description: string;
  filter: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface ExperimentsTable {
  product_id: string;
  id: string;
  flag_key: string;
  control_message_id: string;
  arms: string;
  goal: string;
  guardrail: string | null;
  status: string;
  winner_key: string | null;
  applied_at: number | null;
  applied_by: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** Stored as-is, not hashed: verifying a userHash needs the key itself (see identity-secrets.ts). */
export interface IdentitySecretsTable {
  product_id: string;
  secret: string;
  created_at: number;
}

/** Installation-wide secrets by name (the render-token key); see domain/render/render-secret.ts. */
export interface ServerSecretsTable {
  name: string;
  secret: string;
  created_at: number;
}

export interface Database {
  organizations: OrganizationsTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  products: ProductsTable;
  api_keys: ApiKeysTable;
  messages: MessagesTable;
  users: UsersTable;
  interactions: InteractionsTable;
  events: EventsTable;
  event_names: EventNamesTable;
  segments: SegmentsTable;
  experiments: ExperimentsTable;
  identity_secrets: IdentitySecretsTable;
  server_secrets: ServerSecretsTable;
}
