import type { Kysely, Transaction } from "kysely";
import type { Database } from "./tables.js";

type Job<R> = (trx: Transaction<Database>) => Promise<R>;

/**
 * How a group's transaction is made durable. The default commits in one transaction whose
 * COMMIT is itself durable (PostgreSQL; SQLite at synchronous=FULL). A dialect may instead
 * commit cheaply and make the commit durable afterwards (`committed`), off the event loop:
 * callers are answered only once `committed` resolves.
 */
export interface GroupDurability {
  transact<R>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<R>): Promise<R>;
  committed(): Promise<void>;
}

export const durableCommit: GroupDurability = {
  transact: (db, work) => db.transaction().execute(work),
  committed: async () => {},
};

interface Pending {
  run: Job<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while a transaction is committing wait and then share the
 * next transaction, so N concurrent ingest requests cost one fsync instead of N. Every caller
 * is answered only after the transaction holding its rows has committed, so an acknowledged
 * write is durable (this is not fire-and-forget buffering). If a shared transaction fails,
 * each job is retried in a transaction of its own, so one bad job cannot fail its neighbours
 * and a failed job leaves nothing half-written. While one group's commit is being made durable
 * the next group already runs (its answers wait for its own sync).
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly durability: GroupDurability = durableCommit,
    private readonly maxJobs = 64,
  ) {}

  submit<R>(run: Job<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every job submitted so far has run. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxJobs);
        try {
          const results = await this.durability.transact(this.db, async (trx) => {
            const out: unknown[] = [];
            for (const job of group) out.push(await job.run(trx));
            return out;
          });
          this.answerWhenDurable(group, results);
        } catch {
          for (const job of group) {
            try {
              const result = await this.durability.transact(this.db, (trx) => job.run(trx));
              this.answerWhenDurable([job], [result]);
            } catch (error) {
              job.reject(error);
            }
          }
        }
      }
    } finally {
      this.draining = null;
    }
  }

  /** Not awaited: the next group runs meanwhile; these callers hear back after the sync. */
  private answerWhenDurable(group: Pending[], results: unknown[]): void {
    this.durability.committed().then(
      () => {
        for (const [i, job] of group.entries()) job.resolve(results[i]);
      },
      (error: unknown) => {
        for (const job of group) job.reject(error);
      },
    );
  }
}
