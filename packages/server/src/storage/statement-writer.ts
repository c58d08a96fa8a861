import type { CompiledQuery } from "kysely";
import type { GroupCommit } from "./group-commit.js";

/**
 * Where group-committed ingest writes go. A job is a list of compiled write statements that
 * commit together or not at all; the answer is each statement's affected-row count, given only
 * once the transaction holding the job is durable. Jobs are data, not closures, so an engine
 * may run them away from the event loop (see sqlite-writer-thread.ts).
 */
export interface StatementWriter {
  write(statements: CompiledQuery[]): Promise<number[]>;
  /** Finishes the writes already submitted; later writes are refused. */
  close(): Promise<void>;
}

/** Runs jobs on the connection pool that serves every other query, grouped by `group`. */
export function inProcessWriter(group: GroupCommit): StatementWriter {
  return {
    write: (statements) =>
      group.submit(async (trx) => {
        const changes: number[] = [];
        for (const statement of statements) {
          const result = await trx.executeQuery(statement);
          changes.push(Number(result.numAffectedRows ?? 0n));
        }
        return changes;
      }),
    close: () => group.idle(),
  };
}
