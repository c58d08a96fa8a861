import type { MessageStore } from "./messages/ports.js";
import type { ProductStore, TenancyStore } from "./tenancy/ports.js";

/** Everything one product owns; the only way to reach product rows is through `forProduct`. */
export interface ProductStores {
  product: ProductStore;
  messages: MessageStore;
}

export interface Stores {
  tenancy: TenancyStore;
  forProduct(productId: string): ProductStores;
}
