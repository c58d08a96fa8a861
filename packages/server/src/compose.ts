import type { Redis } from "ioredis";
import type { Config } from "./config.js";
import { ScoreService } from "./domain/audiences/score-service.js";
import { SegmentService } from "./domain/audiences/segment-service.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { ActiveSetCache } from "./domain/delivery/active-set-cache.js";
import { DeliveryService } from "./domain/delivery/delivery-service.js";
import { type Invalidation, localInvalidation } from "./domain/delivery/invalidation.js";
import { ExperimentService } from "./domain/experiments/experiment-service.js";
import { IngestService } from "./domain/ingest/ingest-service.js";
import { MessageService } from "./domain/messages/message-service.js";
import { RenderService } from "./domain/render/render-service.js";
import { RenderTokens } from "./domain/render/render-tokens.js";
import { RetentionJob } from "./domain/retention/retention-job.js";
import type { Stores } from "./domain/stores.js";
import { IdentitySecrets } from "./domain/tenancy/identity-secrets.js";
import { IdentityVerifier } from "./domain/tenancy/identity-verifier.js";
import { KeyResolver } from "./domain/tenancy/key-resolver.js";
import { MemberService } from "./domain/tenancy/member-service.js";
import { ProductService } from "./domain/tenancy/product-service.js";
import { SessionService } from "./domain/tenancy/session-service.js";
import { openPostgres } from "./storage/dialects/postgres.js";
import { openSqlite } from "./storage/dialects/sqlite.js";
import {
  assertDurable,
  checkDurability,
  type DurabilityReport,
} from "./storage/durability-check.js";
import { migrateToLatest } from "./storage/migrate.js";
import { pgInvalidation } from "./storage/pg-invalidation.js";
import { openRedis } from "./storage/redis.js";
import type { StorageHandle } from "./storage/storage-handle.js";
import { createStores } from "./storage/stores.js";

/** Everything the HTTP layer needs, built once; tests build it with a fresh database. */
export interface Services {
  config: Config;
  clock: Clock;
  stores: Stores;
  invalidation: Invalidation;
  keys: KeyResolver;
  sessions: SessionService;
  products: ProductService;
  members: MemberService;
  messages: MessageService;
  delivery: DeliveryService;
  ingest: IngestService;
  segments: SegmentService;
  scores: ScoreService;
  experiments: ExperimentService;
  identitySecrets: IdentitySecrets;
  identity: IdentityVerifier;
  /** Render tokens and the render endpoint's pages (SPEC §5). */
  render: RenderService;
  /** Prunes interactions and events older than NUDGE_RETENTION_DAYS; stopped by close(). */
  retention: RetentionJob;
  /** The storage's crash-safety settings as read back at start, and what they risk. */
  durability: DurabilityReport;
  /** Shared rate-limit counters when REDIS_URL is set. */
  redis: Redis | undefined;
  /** Resolves when the database answers; rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStorage(config: Config): Promise<StorageHandle> {
  const { storage } = config;
  return storage.kind === "postgres" ? openPostgres(storage) : openSqlite(storage);
}

const intentOf = (config: Config) =>
  config.storage.kind === "sqlite" ? { sqliteSynchronous: config.storage.synchronous } : {};

/** For messages: the SQLite file, or "PostgreSQL" (a connection string may hold a password). */
export const databaseName = (config: Config) =>
  config.storage.kind === "sqlite" ? config.storage.filename : "PostgreSQL";

/** The composition root: database → stores → services. */
export async function compose(config: Config, clock: Clock = systemClock): Promise<Services> {
  const storage = await openStorage(config);
  let durability: DurabilityReport;
  try {
    // Before migrating: a database we will not run on is left as we found it.
    durability = await checkDurability(storage, intentOf(config));
    assertDurable(durability, databaseName(config));
    await migrateToLatest(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const stores = createStores(storage);
  const shared =
    config.storage.kind === "postgres" && storage.capabilities.listenNotify
      ? pgInvalidation(storage.db, config.storage.connectionString, config.storage.schema)
      : undefined;
  await shared?.start();
  const invalidation = shared ?? localInvalidation();
  const deliveryStore = (productId: string) => stores.forProduct(productId).delivery;
  const cache = new ActiveSetCache(deliveryStore, invalidation, clock);
  const warn = (message: string) => config.logLevel !== "silent" && console.warn(message);
  const redis = config.redisUrl ? await openRedis(config.redisUrl, { warn }) : undefined;
  const retention = new RetentionJob(stores.retention, clock, {
    days: config.retentionDays,
    onError: (message) => warn(`nudge: ${message}`),
  });
  retention.start();
  return {
    config,
    clock,
    stores,
    invalidation,
    keys: new KeyResolver(stores.tenancy, clock, invalidation),
    sessions: new SessionService(stores.tenancy, clock),
    products: new ProductService(stores.tenancy, clock, invalidation),
    members: new MemberService(stores.tenancy, clock),
    messages: new MessageService(clock, invalidation),
    delivery: new DeliveryService(cache, deliveryStore, clock),
    ingest: new IngestService(clock),
    segments: new SegmentService(clock, invalidation),
    scores: new ScoreService(clock, invalidation),
    experiments: new ExperimentService(clock, invalidation),
    identitySecrets: new IdentitySecrets(clock, invalidation),
    identity: new IdentityVerifier((id) => stores.forProduct(id), clock, invalidation),
    render: new RenderService(new RenderTokens(stores.serverSecrets, clock, config.renderSecret)),
    retention,
    durability,
    redis,
    ping: () => storage.ping(),
    async close() {
      await retention.stop();
      await redis?.quit().catch(() => redis.disconnect());
      await shared?.stop();
      await storage.close();
    },
  };
}
