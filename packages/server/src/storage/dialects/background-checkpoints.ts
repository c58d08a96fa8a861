import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/**
 * How often the worker copies committed WAL frames back into the database file. Under full
 * ingest each pass takes longer than 200 ms, so at 200 the passes ran back to back, each
 * copying (and syncing) pages the next commits dirtied again. Measured on the 10M-interaction
 * bench database, alternating runs: with another process holding one of the two cores, 18,600
 * events/s mean at 200 ms, 22,400 at 500 ms, 21,500 at 1 s (four runs each; the WAL peaked
 * near 200 MB in all three); on the idle machine 38,200 at 200 ms against 43,000 at 500 ms
 * (three each), the server's CPU per batch lower at 500 ms in every pair.
 */
const intervalMs = 500;
/** After a checkpoint completes, the WAL file is truncated to at most this many bytes. */
const walSizeLimit = 64 * 1024 * 1024;

// The worker's whole program: a second connection to the same file that runs PASSIVE
// checkpoints, which never block the server's readers or writer. CommonJS, as eval workers are.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = " + workerData.synchronous);
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits
 * also checkpoints (every 1,000 pages), synchronously: with random-key index inserts that is
 * megabytes of page writes and an fsync inside some unlucky request, on the one thread that
 * serves every request. Measured on the 10M-interaction bench database: ingest went from
 * 4,300–7,300 to 9,000–9,800 events/s with checkpoints off the main thread. Durability is
 * unchanged: a commit is durable once its WAL frames are synced, whoever checkpoints later.
 * If the worker dies, the connection falls back to checkpointing itself.
 */
export function startBackgroundCheckpoints(
  sqlite: SQLite.Database,
  options: { filename: string; synchronous: "FULL" | "NORMAL"; onError: (message: string) => void },
): Checkpointer {
  sqlite.pragma(`journal_size_limit = ${walSizeLimit}`);
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      filename: options.filename,
      synchronous: options.synchronous,
      intervalMs,
    },
  });
  // A running worker must not keep a finished process alive (tests, CLI commands).
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const fallBack = (why: string) => {
    if (stopping || !sqlite.open) return;
    options.onError(`background checkpoints stopped (${why}); checkpointing on commit instead`);
    sqlite.pragma("wal_autocheckpoint = 1000");
  };
  worker.on("message", (m: { error?: string }) => {
    if (m.error) options.onError(`WAL checkpoint failed: ${m.error}`);
  });
  worker.on("error", (error) => fallBack(error.message));
  worker.on("exit", (code) => fallBack(`exit code ${code}`));
  return {
    async stop() {
      if (!stopping) worker.postMessage("stop");
      stopping = true;
      // Unref'd, the worker alone would not keep the event loop alive while it finishes:
      // with nothing else pending the process would end here, and the caller's code after
      // close() would never run (node exits 13 on the unsettled await).
      worker.ref();
      await exited;
    },
  };
}
