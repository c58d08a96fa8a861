import type { Stores } from "../domain/stores.js";
import type { StorageHandle } from "./storage-handle.js";
import { createMessageStore } from "./stores/message-store.js";
import { createProductStore } from "./stores/product-store.js";
import { createTenancyStore } from "./stores/tenancy-store.js";

export function createStores(storage: StorageHandle): Stores {
  return {
    tenancy: createTenancyStore(storage.db),
    forProduct(productId) {
      return {
        product: createProductStore(storage.db, productId),
        messages: createMessageStore(storage.db, storage.capabilities, productId),
      };
    },
  };
}
