import type { Message, MessageStatus } from "@nudge/schema";
import type { Kysely, Transaction } from "kysely";
import type { MessageFields, MessageStore } from "../../domain/messages/ports.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database, MessagesTable } from "../tables.js";
import { iso, parseJson } from "./rows.js";

type Definition = Pick<
  MessageFields,
  "trigger" | "audience" | "steps" | "appearance" | "frequency" | "schedule" | "ignoreBudget"
>;

/** Messages of one product; the product id is bound here and added to every statement. */
export function createMessageStore(
  db: Kysely<Database>,
  capabilities: Capabilities,
  productId: string,
): MessageStore {
  const scoped = () => db.selectFrom("messages").where("product_id", "=", productId);

  async function lockProduct(trx: Transaction<Database>): Promise<void> {
    // Serialises concurrent creates for the plan-limit count; SQLite already has one writer.
    if (capabilities.rowLocks) {
      await trx
        .selectFrom("products")
        .select("id")
        .where("id", "=", productId)
        .forUpdate()
        .execute();
    }
  }

  return {
    productId,

    async create({ id, fields }, now, maxMessages) {
      return db.transaction().execute(async (trx) => {
        await lockProduct(trx);
        if (maxMessages !== undefined) {
          const { n } = await trx
            .selectFrom("messages")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("product_id", "=", productId)
            .executeTakeFirstOrThrow();
          if (Number(n) >= maxMessages) return "limit_reached" as const;
        }
        const row = toRow(productId, id, fields, 1, now, now);
        await trx.insertInto("messages").values(row).execute();
        return toMessage(row);
      });
    },

    async get(id) {
      const row = await scoped().selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toMessage(row) : null;
    },

    async list({ status, limit, cursor }) {
      let query = scoped().selectAll();
      if (status) query = query.where("status", "=", status);
      if (cursor) query = query.where("id", "<", cursor);
      // Ids start with their creation time, so id order is newest-first without a second key.
      const rows = await query
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toMessage),
        nextCursor: rows.length > limit && last ? last.id : null,
      };
    },

    async update(id, fields, expectedVersion, now) {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("messages")
          .select(["version", "created_at", "experiment_id", "variant_key"])
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (!current) return "not_found" as const;
        if (current.version !== expectedVersion) return "version_conflict" as const;
        const row = toRow(productId, id, fields, expectedVersion + 1, current.created_at, now);
        row.experiment_id = current.experiment_id;
        row.variant_key = current.variant_key;
        const result = await trx
          .updateTable("messages")
          .set({
            name: row.name,
            status: row.status,
            priority: row.priority,
            definition: row.definition,
            version: row.version,
            updated_at: now,
          })
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return "version_conflict" as const;
        return toMessage(row);
      });
    },

    async delete(id) {
      const result = await db
        .deleteFrom("messages")
        .where("product_id", "=", productId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async countByStatus() {
      const rows = await scoped()
        .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("status")
        .execute();
      const counts: Record<MessageStatus, number> = { draft: 0, active: 0, paused: 0 };
      for (const r of rows) counts[r.status as MessageStatus] = Number(r.n);
      return counts;
    },
  };
}

export function toRow(
  productId: string,
  id: string,
  fields: MessageFields,
  version: number,
  createdAt: number,
  updatedAt: number,
): MessagesTable {
  const definition: Definition = {
    trigger: fields.trigger,
    audience: fields.audience ?? null,
    steps: fields.steps,
    appearance: fields.appearance,
    frequency: fields.frequency,
    schedule: fields.schedule,
    ignoreBudget: fields.ignoreBudget,
  };
  return {
    product_id: productId,
    id,
    name: fields.name,
    status: fields.status,
    priority: fields.priority,
    definition: JSON.stringify(definition),
    experiment_id: null,
    variant_key: null,
    version,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export function toMessage(row: MessagesTable): Message {
  const definition = parseJson<Definition>(row.definition, {} as Definition);
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    status: row.status as MessageStatus,
    trigger: definition.trigger,
    audience: definition.audience ?? null,
    steps: definition.steps,
    appearance: definition.appearance,
    frequency: definition.frequency,
    schedule: definition.schedule,
    priority: row.priority,
    ignoreBudget: definition.ignoreBudget ?? false,
    experimentId: row.experiment_id,
    variantKey: row.variant_key,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
