import type { PeopleStore, ScoreStore, SegmentStore } from "./audiences/ports.js";
import type { DeliveryStore } from "./delivery/ports.js";
import type { ExperimentStore } from "./experiments/ports.js";
import type { IngestStore } from "./ingest/ports.js";
import type { MessageStore } from "./messages/ports.js";
import type { ServerSecretStore } from "./render/ports.js";
import type { RetentionStore } from "./retention/ports.js";
import type { StatsStore } from "./stats/ports.js";
import type { IdentitySecretStore, ProductStore, TenancyStore } from "./tenancy/ports.js";

/** Everything one product owns; the only way to reach product rows is through `forProduct`. */
export interface ProductStores {
  product: ProductStore;
  messages: MessageStore;
  delivery: DeliveryStore;
  ingest: IngestStore;
  segments: SegmentStore;
  people: PeopleStore;
  scores: ScoreStore;
  stats: StatsStore;
  experiments: ExperimentStore;
  identitySecret: IdentitySecretStore;
}

export interface Stores {
  tenancy: TenancyStore;
  /** Installation-wide secrets (the render-token key). */
  serverSecrets: ServerSecretStore;
  /** Deletes old rows of every product by age only (the retention job's store). */
  retention: RetentionStore;
  forProduct(productId: string): ProductStores;
}
