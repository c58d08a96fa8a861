import type { Kysely, Transaction } from "kysely";
import type { Database } from "./tables.js";

type Job<R> = (trx: Transaction<Database>) => Promise<R>;

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
 * and a failed job leaves nothing half-written.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxJobs = 64,
  ) {}

  submit<R>(run: Job<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxJobs);
        try {
          const results = await this.db.transaction().execute(async (trx) => {
            const out: unknown[] = [];
            for (const job of group) out.push(await job.run(trx));
            return out;
          });
          for (const [i, job] of group.entries()) job.resolve(results[i]);
        } catch {
          for (const job of group) {
            try {
              job.resolve(await this.db.transaction().execute((trx) => job.run(trx)));
            } catch (error) {
              job.reject(error);
            }
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
