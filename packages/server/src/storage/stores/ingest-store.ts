import type { CompiledQuery, Insertable, Kysely } from "kysely";
import type { IngestBatch, IngestStore } from "../../domain/ingest/ports.js";
import { perDatabase, precompileRows } from "../precompiled.js";
import type { StatementWriter } from "../statement-writer.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database, EventsTable, InteractionsTable } from "../tables.js";
import { parseJson } from "./rows.js";
import { lockUser, reachMilestone } from "./user-rows.js";

/**
 * Event names written recently, per product: `event_names` only feeds the editor's trigger
 * suggestions, so refreshing a name more than once a minute is wasted write work on the hot
 * ingest path. Noted only after the batch committed.
 */
const recentlySeen = {
  written: new Map<string, number>(),
  fresh(productId: string, name: string, now: number): boolean {
    return (this.written.get(`${productId}\u0000${name}`) ?? 0) > now - 60_000;
  },
  note(productId: string, name: string, now: number): void {
    if (this.written.size > 50_000) this.written.clear();
    this.written.set(`${productId}\u0000${name}`, now);
  },
};

/** The two inserts of every ingest batch, compiled once per database and row count. */
const insertsOf = perDatabase((db: Kysely<Database>) => compileInserts(db));

function compileInserts(db: Kysely<Database>) {
  return {
    events: precompileRows<Insertable<EventsTable>>(
      ["product_id", "uuid", "event", "distinct_id", "properties", "ts", "received_at"],
      (rows) =>
        db
          .insertInto("events")
          .values(rows)
          .onConflict((oc) => oc.columns(["product_id", "uuid"]).doNothing()),
    ),
    interactions: precompileRows<Insertable<InteractionsTable>>(
      [
        "product_id",
        "uuid",
        "message_id",
        "distinct_id",
        "type",
        "step",
        "variant_key",
        "ts",
        "received_at",
      ],
      (rows) =>
        db
          .insertInto("interactions")
          .values(rows)
          .onConflict((oc) => oc.columns(["product_id", "uuid"]).doNothing()),
    ),
  };
}

/** Client writes of one product: events, interactions, milestones, identities. */
export function createIngestStore(
  db: Kysely<Database>,
  capabilities: Capabilities,
  writer: StatementWriter,
  productId: string,
): IngestStore {
  /**
   * The batch as compiled statements for one transaction (shared with concurrent batches by
   * group commit): all or nothing, durable once answered. Statement 0 is the events insert, or
   * the interactions insert when there are no events: its count is how many items were new.
   */
  function statementsOf({ events, interactions, milestones, receivedAt }: IngestBatch) {
    const statements: CompiledQuery[] = [];
    if (events.length > 0) {
      statements.push(
        insertsOf(db).events(
          events.map((e) => ({
            product_id: productId,
            uuid: e.uuid,
            event: e.event,
            distinct_id: e.distinctId,
            properties: JSON.stringify(e.properties),
            ts: e.ts,
            received_at: receivedAt,
          })),
        ),
      );
    }
    if (interactions.length > 0) {
      statements.push(
        insertsOf(db).interactions(
          interactions.map((i) => ({
            product_id: productId,
            uuid: i.uuid,
            message_id: i.messageId,
            distinct_id: i.distinctId,
            type: i.type,
            step: i.step,
            variant_key: i.variantKey,
            ts: i.ts,
            received_at: receivedAt,
          })),
        ),
      );
    }
    // Sorted, so concurrent transactions lock the rows in one order (no deadlocks); names
    // refreshed in the last minute are skipped, since last_seen only feeds suggestions.
    const names = [...new Set(events.map((e) => e.event))]
      .filter((name) => !recentlySeen.fresh(productId, name, receivedAt))
      .sort();
    if (names.length > 0) {
      statements.push(
        db
          .insertInto("event_names")
          .values(names.map((name) => ({ product_id: productId, name, last_seen: receivedAt })))
          .onConflict((oc) =>
            oc.columns(["product_id", "name"]).doUpdateSet({ last_seen: receivedAt }),
          )
          .compile(),
      );
    }
    for (const { distinctId, name } of milestones) {
      statements.push(...reachMilestone(db, capabilities, productId, distinctId, name, receivedAt));
    }
    return statements;
  }

  return {
    productId,

    async resolveIds(distinctIds) {
      const links = new Map<string, string>();
      if (distinctIds.length === 0) return links;
      const rows = await db
        .selectFrom("users")
        .select(["distinct_id", "merged_into"])
        .where("product_id", "=", productId)
        .where("distinct_id", "in", distinctIds)
        .where("merged_into", "is not", null)
        .execute();
      for (const r of rows) if (r.merged_into) links.set(r.distinct_id, r.merged_into);
      return links;
    },

    async existingMessages(messageIds) {
      if (messageIds.length === 0) return new Set();
      const rows = await db
        .selectFrom("messages")
        .select("id")
        .where("product_id", "=", productId)
        .where("id", "in", messageIds)
        .execute();
      return new Set(rows.map((r) => r.id));
    },

    async write(batch) {
      const statements = statementsOf(batch);
      if (statements.length === 0) return { accepted: 0, duplicates: 0 };
      const [accepted = 0] = await writer.write(statements);
      for (const e of batch.events) recentlySeen.note(productId, e.event, batch.receivedAt);
      const total = batch.events.length > 0 ? batch.events.length : batch.interactions.length;
      return { accepted, duplicates: total - accepted };
    },

    async identify({ distinctId, traits, anonymousId, now }) {
      await db.transaction().execute(async (trx) => {
        const known = await lockUser(trx, capabilities, productId, distinctId, now);
        let merged = parseJson<Record<string, unknown>>(known.traits, {});
        let milestones = parseJson<string[]>(known.milestones, []);
        let churnProb = known.churn_prob;
        if (anonymousId && anonymousId !== distinctId) {
          const anon = await lockUser(trx, capabilities, productId, anonymousId, now);
          if (anon.merged_into === null) {
            // What the person did before logging in now counts for the known id: caps,
            // milestones and experiment exposure follow them.
            merged = { ...parseJson<Record<string, unknown>>(anon.traits, {}), ...merged };
            milestones = [...new Set([...milestones, ...parseJson<string[]>(anon.milestones, [])])];
            churnProb ??= anon.churn_prob;
            // Interactions move to the person, so caps read one id. Events stay as sent: the
            // log is append-only and its readers follow `merged_into` (ADR 0011).
            await trx
              .updateTable("interactions")
              .set({ distinct_id: distinctId })
              .where("product_id", "=", productId)
              .where("distinct_id", "=", anonymousId)
              .execute();
            await trx
              .updateTable("users")
              .set({ merged_into: distinctId, updated_at: now })
              .where("product_id", "=", productId)
              .where("distinct_id", "=", anonymousId)
              .execute();
          }
        }
        await trx
          .updateTable("users")
          .set({
            traits: JSON.stringify({ ...merged, ...traits }),
            milestones: JSON.stringify(milestones),
            churn_prob: churnProb,
            updated_at: now,
          })
          .where("product_id", "=", productId)
          .where("distinct_id", "=", distinctId)
          .execute();
      });
    },
  };
}
