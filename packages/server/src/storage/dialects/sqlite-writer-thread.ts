import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { CompiledQuery } from "kysely";
import type { StatementWriter } from "../statement-writer.js";
import { coalescedWalSync } from "./wal-sync.js";

/** Jobs per transaction: bounds how long the write lock is held against the main connection. */
const maxJobs = 64;

// The worker's whole program: its own connection to the same file, which commits groups of jobs
// in one transaction each, a savepoint per job so a failing job rolls back alone. CommonJS, as
// eval workers are; it holds no SQL of its own, only what the stores compiled with Kysely.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
// Blocking here blocks only this thread: wait out a long main-thread write (a retention purge).
db.pragma("busy_timeout = 30000");
// Never syncs itself: at FULL the main side fsyncs the WAL after each commit (see below).
db.pragma("synchronous = NORMAL");
// The background checkpointer copies WAL frames back; this connection never checkpoints.
db.pragma("wal_autocheckpoint = 0");
const cache = new Map();
function prepared(sql) {
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 512) cache.clear();
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
const control = (sql) => db.prepare(sql);
const begin = control("BEGIN IMMEDIATE");
const commit = control("COMMIT");
const rollback = control("ROLLBACK");
const savepoint = control("SAVEPOINT job");
const release = control("RELEASE job");
const undo = control("ROLLBACK TO job");
const messageOf = (error) => String((error && error.message) || error);
parentPort.on("message", (message) => {
  if (message === "stop") {
    db.close();
    parentPort.close();
    return;
  }
  const results = [];
  try {
    begin.run();
    for (const job of message.jobs) {
      savepoint.run();
      try {
        results.push({ changes: job.map((s) => prepared(s.sql).run(s.parameters).changes) });
        release.run();
      } catch (error) {
        undo.run();
        release.run();
        results.push({ error: messageOf(error) });
      }
    }
    commit.run();
    parentPort.postMessage({ id: message.id, results });
  } catch (error) {
    if (db.inTransaction) rollback.run();
    parentPort.postMessage({ id: message.id, error: messageOf(error) });
  }
});
`;

type JobResult = { changes: number[] } | { error: string };
type Reply = { id: number; results: JobResult[] } | { id: number; error: string };

interface Pending {
  statements: CompiledQuery[];
  resolve: (changes: number[]) => void;
  reject: (error: Error) => void;
}

export interface SqliteWriterOptions {
  filename: string;
  synchronous: "FULL" | "NORMAL";
  /** At FULL, what makes a committed group durable; the WAL's fsync unless a test holds it. */
  walSync?: () => Promise<void>;
  /** Where writes go once the thread has died (the in-process group commit). */
  fallback: () => StatementWriter;
  onError: (message: string) => void;
}

/**
 * Group commit on a worker thread. better-sqlite3 is synchronous, so with ingest committed on
 * the main connection the one thread that serves every request also ran every B-tree insert
 * and COMMIT (measured: 68% of that thread during ingest, after the fsync had already moved off
 * it). Here a second connection on its own thread runs them, while the event loop parses,
 * validates and answers the next requests. One group is in
 * flight at a time: jobs submitted meanwhile form the next group, as in GroupCommit, and every
 * caller is answered only after its group's COMMIT returned, so an acknowledged write is as
 * durable as the connection's level makes it.
 *
 * At FULL the thread commits at NORMAL and the WAL is fsynced on libuv's thread pool before
 * the group's callers are answered (ADR 0009's argument, unchanged: an acknowledged write is as
 * durable as under FULL). The fsync inside COMMIT had the thread idle on the disk; now the next
 * group's inserts run while the previous group's sync is in progress.
 */
export function startSqliteWriterThread(
  options: SqliteWriterOptions,
): StatementWriter & { readonly thread: Worker } {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      filename: options.filename,
    },
  });
  const synced =
    options.synchronous === "FULL" ? (options.walSync ?? coalescedWalSync(options.filename)) : null;
  let syncing = 0;
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const queue: Pending[] = [];
  let inFlight: { id: number; group: Pending[] } | null = null;
  let nextId = 1;
  let fallback: StatementWriter | null = null;
  let closing = false;
  let stopped = false;
  const idle: (() => void)[] = [];

  function send(): void {
    if (inFlight || queue.length === 0 || fallback) return;
    const group = queue.splice(0, maxJobs);
    inFlight = { id: nextId++, group };
    // A group in flight keeps the process alive until it is answered, as a socket would.
    worker.ref();
    worker.postMessage({
      id: inFlight.id,
      // Only the text and values cross: the rest of a CompiledQuery is Kysely's query tree.
      jobs: group.map((job) => job.statements.map(({ sql, parameters }) => ({ sql, parameters }))),
    });
  }

  worker.on("message", (reply: Reply) => {
    if (!inFlight || inFlight.id !== reply.id) return;
    const { group } = inFlight;
    inFlight = null;
    worker.unref();
    if (!("results" in reply)) {
      for (const job of group) job.reject(new Error(reply.error));
    } else if (synced) {
      syncing++;
      synced()
        .then(
          () => answer(group, reply.results),
          // Committed but not known to be on disk: the callers retry, harmless by uuid.
          (error: Error) => {
            for (const job of group) job.reject(new Error(`WAL sync failed: ${error.message}`));
          },
        )
        .finally(() => {
          syncing--;
          settle();
        });
    } else answer(group, reply.results);
    send();
    settle();
  });

  function answer(group: Pending[], results: JobResult[]): void {
    for (const [i, job] of group.entries()) {
      const result = results[i];
      if (result && "changes" in result) job.resolve(result.changes);
      else job.reject(new Error(result?.error ?? "no result for this write"));
    }
  }

  function die(why: string): void {
    if (fallback || stopped) return;
    // A group in flight may or may not have committed: its callers hear an error and retry,
    // which the (product, uuid) keys make harmless. Queued jobs never reached the thread.
    for (const job of inFlight?.group ?? []) job.reject(new Error(`ingest writer thread: ${why}`));
    inFlight = null;
    if (closing) {
      for (const job of queue.splice(0)) job.reject(new Error("the database is closing"));
    } else {
      options.onError(`the ingest writer thread stopped (${why}); writing on the main thread`);
      const writer = options.fallback();
      fallback = writer;
      for (const job of queue.splice(0)) writer.write(job.statements).then(job.resolve, job.reject);
    }
    settle();
  }
  worker.on("error", (error) => die(error.message));
  worker.on("exit", (code) => die(`exit code ${code}`));

  function settle(): void {
    if (inFlight || queue.length > 0 || syncing > 0) return;
    for (const resolve of idle.splice(0)) resolve();
  }

  return {
    thread: worker,
    write(statements: CompiledQuery[]): Promise<number[]> {
      if (closing) return Promise.reject(new Error("the database is closing"));
      if (fallback) return fallback.write(statements);
      return new Promise((resolve, reject) => {
        queue.push({ statements, resolve, reject });
        send();
      });
    },
    async close(): Promise<void> {
      if (fallback) return fallback.close();
      closing = true;
      await new Promise<void>((resolve) => {
        idle.push(resolve);
        settle();
      });
      // The thread may have died while the last groups drained.
      const replacement = fallback as StatementWriter | null;
      if (replacement) return replacement.close();
      stopped = true;
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
