import type { Arm, Experiment, ExperimentGoal, Guardrail } from "@nudge/schema";
import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { ArmCounts, ExperimentStore, NewArmMessage } from "../../domain/experiments/ports.js";
import type { Capabilities } from "../storage-handle.js";
import type { Database, ExperimentsTable } from "../tables.js";
import { toRow } from "./message-store.js";
import { iso, parseJson } from "./rows.js";

export function toExperiment(row: ExperimentsTable): Experiment {
  return {
    id: row.id,
    productId: row.product_id,
    flagKey: row.flag_key,
    controlMessageId: row.control_message_id,
    arms: parseJson<Arm[]>(row.arms, []),
    goal: parseJson<ExperimentGoal>(row.goal, { type: "cta_click" }),
    guardrail: row.guardrail ? parseJson<Guardrail | null>(row.guardrail, null) : null,
    status: row.status === "applied" ? "applied" : "running",
    winnerKey: row.winner_key,
    appliedAt: row.applied_at === null ? null : iso(row.applied_at),
    appliedBy: row.applied_by,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Experiments of one product, and the message links they own. */
export function createExperimentStore(
  db: Kysely<Database>,
  capabilities: Capabilities,
  productId: string,
): ExperimentStore {
  async function lockProduct(trx: Transaction<Database>) {
    if (capabilities.rowLocks) {
      await trx
        .selectFrom("products")
        .select("id")
        .where("id", "=", productId)
        .forUpdate()
        .execute();
    }
  }

  async function underLimit(trx: Transaction<Database>, maxMessages: number | undefined) {
    if (maxMessages === undefined) return true;
    const { n } = await trx
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("product_id", "=", productId)
      .executeTakeFirstOrThrow();
    return Number(n) < maxMessages;
  }

  async function insertClone(
    trx: Transaction<Database>,
    clone: NewArmMessage,
    experimentId: string,
    now: number,
  ) {
    const row = toRow(productId, clone.id, clone.fields, 1, now, now);
    row.experiment_id = experimentId;
    row.variant_key = clone.variantKey;
    await trx.insertInto("messages").values(row).execute();
  }

  async function read(trx: Kysely<Database> | Transaction<Database>, id: string) {
    return trx
      .selectFrom("experiments")
      .selectAll()
      .where("product_id", "=", productId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  return {
    productId,

    async get(id) {
      const row = await read(db, id);
      return row ? toExperiment(row) : null;
    },

    async create(input, now, maxMessages) {
      return db.transaction().execute(async (trx) => {
        await lockProduct(trx);
        const control = await trx
          .selectFrom("messages")
          .select("experiment_id")
          .where("product_id", "=", productId)
          .where("id", "=", input.controlMessageId)
          .executeTakeFirst();
        if (!control || control.experiment_id !== null) return "already_linked" as const;
        if (!(await underLimit(trx, maxMessages))) return "limit_reached" as const;
        const row: ExperimentsTable = {
          product_id: productId,
          id: input.id,
          flag_key: input.flagKey,
          control_message_id: input.controlMessageId,
          arms: JSON.stringify(input.arms),
          goal: JSON.stringify(input.goal),
          guardrail: null,
          status: "running",
          winner_key: null,
          applied_at: null,
          applied_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto("experiments").values(row).execute();
        await trx
          .updateTable("messages")
          .set({ experiment_id: input.id, variant_key: "control", updated_at: now })
          .where("product_id", "=", productId)
          .where("id", "=", input.controlMessageId)
          .execute();
        await insertClone(trx, input.clone, input.id, now);
        return toExperiment(row);
      });
    },

    async addArm(id, clone, arms, expectedVersion, now, maxMessages) {
      return db.transaction().execute(async (trx) => {
        await lockProduct(trx);
        const current = await read(trx, id);
        if (!current || current.version !== expectedVersion) return "version_conflict" as const;
        if (!(await underLimit(trx, maxMessages))) return "limit_reached" as const;
        await insertClone(trx, clone, id, now);
        const next = {
          ...current,
          arms: JSON.stringify(arms),
          version: current.version + 1,
          updated_at: now,
        };
        await trx
          .updateTable("experiments")
          .set({ arms: next.arms, version: next.version, updated_at: now })
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .execute();
        return toExperiment(next);
      });
    },

    async update(id, changes, expectedVersion, now) {
      return db.transaction().execute(async (trx) => {
        const current = await read(trx, id);
        if (!current) return "not_found" as const;
        if (current.version !== expectedVersion) return "version_conflict" as const;
        const next: ExperimentsTable = {
          ...current,
          ...(changes.arms ? { arms: JSON.stringify(changes.arms) } : {}),
          ...(changes.goal ? { goal: JSON.stringify(changes.goal) } : {}),
          ...(changes.guardrail !== undefined
            ? { guardrail: changes.guardrail === null ? null : JSON.stringify(changes.guardrail) }
            : {}),
          version: current.version + 1,
          updated_at: now,
        };
        await trx
          .updateTable("experiments")
          .set({
            arms: next.arms,
            goal: next.goal,
            guardrail: next.guardrail,
            version: next.version,
            updated_at: now,
          })
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .execute();
        return toExperiment(next);
      });
    },

    async applyWinner(id, winnerKey, actor, now) {
      return db.transaction().execute(async (trx) => {
        const current = await read(trx, id);
        if (!current) return null;
        const arms = parseJson<Arm[]>(current.arms, []).map((arm) => ({
          ...arm,
          testWeight: arm.testWeight ?? arm.weight,
          weight: arm.key === winnerKey ? 100 : 0,
        }));
        for (const arm of arms) {
          await trx
            .updateTable("messages")
            .set((eb) => ({
              status: arm.key === winnerKey ? "active" : "paused",
              version: eb("version", "+", 1),
              updated_at: now,
            }))
            .where("product_id", "=", productId)
            .where("id", "=", arm.messageId)
            .execute();
        }
        const next: ExperimentsTable = {
          ...current,
          arms: JSON.stringify(arms),
          status: "applied",
          winner_key: winnerKey,
          applied_at: now,
          applied_by: actor,
          version: current.version + 1,
          updated_at: now,
        };
        await trx
          .updateTable("experiments")
          .set({
            arms: next.arms,
            status: next.status,
            winner_key: winnerKey,
            applied_at: now,
            applied_by: actor,
            version: next.version,
            updated_at: now,
          })
          .where("product_id", "=", productId)
          .where("id", "=", id)
          .execute();
        return toExperiment(next);
      });
    },

    async armCounts(messageIds, goal) {
      const counts = new Map<string, ArmCounts>();
      if (messageIds.length === 0) return counts;
      for (const id of messageIds) counts.set(id, { exposures: 0, conversions: 0, dismissals: 0 });
      const ids = sql.join(messageIds);
      const usersWith = (type: string) => sql<{ message_id: string; n: number }>`
        select message_id, count(distinct distinct_id) as n from interactions
        where product_id = ${productId} and message_id in (${ids}) and type = ${type}
        group by message_id`;
      const exposed = await usersWith("impression").execute(db);
      const dismissed = await usersWith("dismiss").execute(db);
      // Conversions count only exposed users, so conversions ≤ exposures always holds.
      const converted =
        goal.type === "event"
          ? await convertedByEvent(db, productId, ids, goal.event, goal.withinHours)
          : await sql<{ message_id: string; n: number }>`
              select c.message_id, count(distinct c.distinct_id) as n from interactions c
              where c.product_id = ${productId} and c.message_id in (${ids}) and c.type = ${goal.type}
                and exists (select 1 from interactions i
                            where i.product_id = ${productId} and i.distinct_id = c.distinct_id
                              and i.message_id = c.message_id and i.type = 'impression')
              group by c.message_id`.execute(db);
      for (const r of exposed.rows) counts.get(r.message_id)!.exposures = Number(r.n);
      for (const r of dismissed.rows) counts.get(r.message_id)!.dismissals = Number(r.n);
      for (const r of converted.rows) counts.get(r.message_id)!.conversions = Number(r.n);
      return counts;
    },
  };
}

/**
 * Exposed people with a goal event within `withinHours` of their first impression. Events keep
 * the id they were sent with (ADR 0011), so each is read as its person (an anonymous id linked
 * at identify names it in `merged_into`), and there is no per-user index to probe: instead the
 * first impressions and the goal's events since the earliest of them (read in time order from
 * `events_name_time`) are sorted together per person, and each impression looks ahead to the
 * person's next goal event, which converts it when it falls inside the window. One sort, on
 * both dialects, rather than the join SQLite planned as nested loops (ADR 0011).
 */
function convertedByEvent(
  db: Kysely<Database>,
  productId: string,
  ids: RawBuilder<unknown>,
  event: string,
  withinHours: number,
) {
  return sql<{ message_id: string; n: number }>`
    with f as (
      select message_id, distinct_id as person, min(ts) as first from interactions
      where product_id = ${productId} and message_id in (${ids}) and type = 'impression'
      group by message_id, distinct_id),
    marks as (
      select person, first as ts, message_id, 0 as goal from f
      union all
      select coalesce(u.merged_into, e.distinct_id), e.ts, null, 1
      from events e
      left join users u on u.product_id = e.product_id
        and u.distinct_id = e.distinct_id and u.merged_into is not null
      where e.product_id = ${productId} and e.event = ${event}
        and e.ts >= (select min(first) from f)),
    ahead as (
      -- At equal times the impression sorts first, so a goal event at that instant counts.
      select message_id, goal, ts, min(case when goal = 1 then ts end) over (
        partition by person order by ts, goal rows between current row and unbounded following
      ) as next_goal
      from marks)
    select message_id, count(*) as n from ahead
    where goal = 0 and next_goal <= ts + ${withinHours * 3_600_000}
    group by message_id`.execute(db);
}
