import type { Config } from "./config.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { MessageService } from "./domain/messages/message-service.js";
import type { Stores } from "./domain/stores.js";
import { MemberService } from "./domain/tenancy/member-service.js";
import { ProductService } from "./domain/tenancy/product-service.js";
import { SessionService } from "./domain/tenancy/session-service.js";
import { openPostgres } from "./storage/dialects/postgres.js";
import { openSqlite } from "./storage/dialects/sqlite.js";
import { migrateToLatest } from "./storage/migrate.js";
import type { StorageHandle } from "./storage/storage-handle.js";
import { createStores } from "./storage/stores.js";

/** Everything the HTTP layer needs, built once; tests build it with a fresh database. */
export interface Services {
  config: Config;
  clock: Clock;
  stores: Stores;
  sessions: SessionService;
  products: ProductService;
  members: MemberService;
  messages: MessageService;
  /** Resolves when the database answers; rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStorage(config: Config): Promise<StorageHandle> {
  const { storage } = config;
  return storage.kind === "postgres" ? openPostgres(storage) : openSqlite(storage);
}

/** The composition root: database → stores → services. */
export async function compose(config: Config, clock: Clock = systemClock): Promise<Services> {
  const storage = await openStorage(config);
  try {
    await migrateToLatest(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const stores = createStores(storage);
  return {
    config,
    clock,
    stores,
    sessions: new SessionService(stores.tenancy, clock),
    products: new ProductService(stores.tenancy, clock),
    members: new MemberService(stores.tenancy, clock),
    messages: new MessageService(clock),
    ping: () => storage.ping(),
    close: () => storage.close(),
  };
}
