import type { Stores } from "../domain/stores.js";
import type { StorageHandle } from "./storage-handle.js";
import { createDeliveryStore } from "./stores/delivery-store.js";
import { createExperimentStore } from "./stores/experiment-store.js";
import { createIdentitySecretStore } from "./stores/identity-secret-store.js";
import { createIngestStore } from "./stores/ingest-store.js";
import { createMessageStore } from "./stores/message-store.js";
import { createPeopleStore } from "./stores/people-store.js";
import { createProductStore } from "./stores/product-store.js";
import { createRetentionStore } from "./stores/retention-store.js";
import { createScoreStore } from "./stores/score-store.js";
import { createSegmentStore } from "./stores/segment-store.js";
import { createServerSecretStore } from "./stores/server-secret-store.js";
import { createStatsStore } from "./stores/stats-store.js";
import { createTenancyStore } from "./stores/tenancy-store.js";

export function createStores(storage: StorageHandle): Stores {
  const { db, capabilities, writer } = storage;
  return {
    tenancy: createTenancyStore(db),
    serverSecrets: createServerSecretStore(db),
    retention: createRetentionStore(db),
    forProduct(productId) {
      return {
        product: createProductStore(db, productId),
        messages: createMessageStore(db, capabilities, productId),
        delivery: createDeliveryStore(db, capabilities, productId),
        ingest: createIngestStore(db, capabilities, writer, productId),
        segments: createSegmentStore(db, productId),
        people: createPeopleStore(db, productId),
        scores: createScoreStore(db, productId),
        stats: createStatsStore(db, productId),
        experiments: createExperimentStore(db, capabilities, productId),
        identitySecret: createIdentitySecretStore(db, productId),
      };
    },
  };
}
