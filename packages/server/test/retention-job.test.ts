import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RetentionStore } from "../src/domain/retention/ports.js";
import { nextBatchSize, RetentionJob } from "../src/domain/retention/retention-job.js";
import { TestClock } from "./support/test-app.js";

const HOUR = 3_600_000;

/** A store with `backlog` old rows per table, deleting them `limit` at a time. */
function fakeStore(backlog: { interactions: number; events: number }) {
  const calls: string[] = [];
  const take = (table: "interactions" | "events", limit: number) => {
    calls.push(table);
    const n = Math.min(limit, backlog[table]);
    backlog[table] -= n;
    return Promise.resolve(n);
  };
  const store: RetentionStore = {
    deleteInteractionsBefore: (_cutoff, limit) => take("interactions", limit),
    deleteEventsBefore: (_cutoff, limit) => take("events", limit),
  };
  return { store, calls, backlog };
}

// Scheduling only; what the deletes do to real rows is in retention-api.test.ts, per dialect.
describe("RetentionJob scheduling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs shortly after start, then every interval, in batches", async () => {
    const { store, calls, backlog } = fakeStore({ interactions: 25, events: 3 });
    const job = new RetentionJob(store, new TestClock(), {
      days: 30,
      batchSize: 10,
      intervalMs: HOUR,
      firstRunDelayMs: 30_000,
    });
    job.start();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual(["interactions", "interactions", "interactions", "events"]);
    expect(backlog).toEqual({ interactions: 0, events: 0 });
    expect(job.lastRun).toMatchObject({ interactions: 25, events: 3 });

    backlog.events = 4;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(calls.slice(4)).toEqual(["interactions", "events"]);
    expect(job.lastRun).toMatchObject({ interactions: 0, events: 4 });
    await job.stop();
  });

  it("stop() ends a run after its current batch and cancels the next one", async () => {
    const { store, calls } = fakeStore({ interactions: 1_000_000, events: 0 });
    const job = new RetentionJob(store, new TestClock(), { days: 1, batchSize: 10, pauseMs: 5 });
    const run = job.runOnce();
    await vi.advanceTimersByTimeAsync(12); // three batches, two pauses
    const stopped = job.stop();
    await vi.advanceTimersByTimeAsync(5);
    await stopped;
    const during = calls.length;
    expect(during).toBeGreaterThanOrEqual(2);
    expect((await run).interactions).toBe(during * 10);
    expect(job.scheduled).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * HOUR);
    expect(await job.runOnce()).toMatchObject({ interactions: 0, events: 0 });
    expect(calls.length).toBe(during);
  });

  it("reports a failed run and keeps its schedule", async () => {
    const errors: string[] = [];
    let fail = true;
    const store: RetentionStore = {
      deleteInteractionsBefore: () =>
        fail ? Promise.reject(new Error("database is locked")) : Promise.resolve(0),
      deleteEventsBefore: () => Promise.resolve(0),
    };
    const job = new RetentionJob(store, new TestClock(), {
      days: 1,
      intervalMs: HOUR,
      firstRunDelayMs: 1_000,
      onError: (m) => errors.push(m),
    });
    job.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual(["retention run failed: database is locked"]);
    expect(job.scheduled).toBe(true);
    fail = false;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(job.lastRun).toMatchObject({ interactions: 0, events: 0 });
    await job.stop();
  });

  it("does nothing when retention is off (0 days)", async () => {
    const { store, calls } = fakeStore({ interactions: 5, events: 5 });
    const job = new RetentionJob(store, new TestClock(), { days: 0 });
    job.start();
    expect(job.scheduled).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(await job.runOnce()).toEqual({ cutoff: null, interactions: 0, events: 0, ms: 0 });
    expect(calls).toEqual([]);
  });

  it("computes the cutoff from the clock: rows older than `days` days", async () => {
    const clock = new TestClock();
    const cutoffs: number[] = [];
    const store: RetentionStore = {
      deleteInteractionsBefore: (cutoff) => {
        cutoffs.push(cutoff);
        return Promise.resolve(0);
      },
      deleteEventsBefore: () => Promise.resolve(0),
    };
    await new RetentionJob(store, clock, { days: 395 }).runOnce();
    expect(cutoffs).toEqual([clock.now() - 395 * 24 * HOUR]);
  });

  it("steers the batch size toward the target time, at most 2× per step, within 50–5,000", () => {
    expect(nextBatchSize(200, 20, 10)).toBe(100);
    expect(nextBatchSize(200, 12.5, 10)).toBe(160);
    expect(nextBatchSize(200, 1, 10)).toBe(400);
    expect(nextBatchSize(4000, 1, 10)).toBe(5000);
    expect(nextBatchSize(60, 500, 10)).toBe(50);
  });
});
