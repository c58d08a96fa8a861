import { type Kysely, sql } from "kysely";
import pg from "pg";
import {
  everyProduct,
  type Invalidation,
  localInvalidation,
} from "../domain/delivery/invalidation.js";
import type { Database } from "./tables.js";

/**
 * Cross-node cache invalidation over PostgreSQL LISTEN/NOTIFY. Local listeners hear a publish
 * at once; other nodes hear it through the channel. When the listening connection drops it
 * reconnects with backoff and invalidates everything, since notifications may have been missed.
 */
export function pgInvalidation(
  db: Kysely<Database>,
  connectionString: string,
  schema: string | undefined,
): Invalidation & { start(): Promise<void>; stop(): Promise<void> } {
  const local = localInvalidation();
  const channel = `nudge_invalidate_${schema ?? "public"}`;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry = 250;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString });
    next.on("notification", (msg) => {
      if (msg.channel === channel && msg.payload) local.publish(msg.payload);
    });
    next.on("error", () => {
      void next.end().catch(() => {});
      if (client === next) scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    retry = 250;
  }

  function scheduleReconnect(): void {
    client = undefined;
    if (stopped) return;
    setTimeout(() => {
      connect()
        // Notifications sent while we were away are lost: forget every cached product.
        .then(() => local.publish(everyProduct))
        .catch(() => {
          retry = Math.min(retry * 2, 10_000);
          scheduleReconnect();
        });
    }, retry).unref();
  }

  return {
    publish(productId) {
      local.publish(productId);
      sql`select pg_notify(${channel}, ${productId})`.execute(db).catch(() => {});
    },
    subscribe: local.subscribe,
    async start() {
      try {
        await connect();
      } catch {
        scheduleReconnect();
      }
    },
    async stop() {
      stopped = true;
      await client?.end().catch(() => {});
    },
  };
}
