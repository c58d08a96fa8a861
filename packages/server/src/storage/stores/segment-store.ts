import type { Filter, Segment, SegmentInput } from "@nudge/schema";
import type { Kysely } from "kysely";
import type { SegmentStore } from "../../domain/audiences/ports.js";
import type { Database, SegmentsTable } from "../tables.js";
import { iso, parseJson } from "./rows.js";

export function toSegment(row: SegmentsTable): Segment {
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    description: row.description,
    filter: parseJson<Filter>(row.filter, { or: [] }),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Segments of one product. */
export function createSegmentStore(db: Kysely<Database>, productId: string): SegmentStore {
  const scoped = () => db.selectFrom("segments").where("product_id", "=", productId);
  return {
    async list() {
      const rows = await scoped().selectAll().orderBy("name").orderBy("id").execute();
      return rows.map(toSegment);
    },
    async get(id) {
      const row = await scoped().selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toSegment(row) : null;
    },
    async create(id, input: SegmentInput, now) {
      const row: SegmentsTable = {
        product_id: productId,
        id,
        name: input.name,
        description: input.description,
        filter: JSON.stringify(input.filter),
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto("segments").values(row).execute();
      return toSegment(row);
    },
    async update(id, input, now) {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom("segments")
          .selectAll()
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (!current) return null;
        const next: SegmentsTable = {
          ...current,
          name: input.name,
          description: input.description,
          filter: JSON.stringify(input.filter),
          version: current.version + 1,
          updated_at: now,
        };
        await trx
          .updateTable("segments")
          .set({
            name: next.name,
            description: next.description,
            filter: next.filter,
            version: next.version,
            updated_at: now,
          })
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .execute();
        return toSegment(next);
      });
    },
    async delete(id) {
      const result = await db
        .deleteFrom("segments")
        .where("product_id", "=", productId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async eachUserPage(pageSize, visit) {
      let after = "";
      for (;;) {
        // Keyset pagination on the primary key: each page is one index range scan.
        const rows = await db
          .selectFrom("users")
          .select(["distinct_id", "traits"])
          .where("product_id", "=", productId)
          .where("merged_into", "is", null)
          .where("distinct_id", ">", after)
          .orderBy("distinct_id")
          .limit(pageSize)
          .execute();
        if (rows.length === 0) return;
        visit(rows.map((r) => ({ distinctId: r.distinct_id, traits: parseJson(r.traits, {}) })));
        after = rows.at(-1)!.distinct_id;
      }
    },

    async usedBy(id) {
      // Messages keep their audience in a JSON document; the id is specific enough to match.
      const rows = await db
        .selectFrom("messages")
        .select("id")
        .where("product_id", "=", productId)
        .where("definition", "like", `%"segmentId":"${id}"%`)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
