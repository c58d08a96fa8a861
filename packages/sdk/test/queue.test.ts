import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HttpResult } from "../src/core/platform.js";
import { createQueue, MAX_QUEUED } from "../src/core/queue.js";
import { safeStore } from "../src/core/store.js";
import type { SdkEvent } from "../src/core/types.js";
import { memoryStorage } from "./fakes.js";

let n = 0;
const event = (name = "e"): SdkEvent => ({
  uuid: `uuid-${++n}-aaaaaaaa`,
  event: name,
  distinctId: "u1",
  timestamp: new Date().toISOString(),
});

function setup(answers: HttpResult[] = []) {
  const raw = memoryStorage();
  const store = safeStore(() => raw);
  const sent: SdkEvent[][] = [];
  const beacons: SdkEvent[][] = [];
  const errors: unknown[] = [];
  const deps = {
    store,
    key: "q",
    send: vi.fn(async (body: string) => {
      sent.push(JSON.parse(body).batch);
      return answers.shift() ?? { status: 202 };
    }),
    beacon: vi.fn((body: string) => {
      beacons.push(JSON.parse(body).batch);
      return true;
    }),
    onError: (e: unknown) => errors.push(e),
  };
  return { raw, store, sent, beacons, errors, deps, queue: createQueue(deps) };
}
const stored = (raw: ReturnType<typeof memoryStorage>) =>
  JSON.parse(raw.data.get("q") ?? "null") as { v: number; e: SdkEvent[] } | null;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("event queue", () => {
  it("batches events for a second, then sends them in one request", async () => {
    const { queue, sent } = setup();
    queue.push(event("a"));
    queue.push(event("b"));
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((e) => e.event)).toEqual(["a", "b"]);
  });

  it("sends urgent events (terminal interactions) at once", async () => {
    const { queue, sent } = setup();
    queue.push(event("message_dismiss"), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
  });

  it("keeps events in storage (versioned) until the server accepted them", async () => {
    const { queue, raw } = setup();
    queue.push(event("a"));
    expect(stored(raw)).toMatchObject({ v: 1, e: [{ event: "a" }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(stored(raw)?.e).toEqual([]);
  });

  it("picks up what a previous page left in storage, and ignores other versions", async () => {
    const first = setup();
    first.raw.data.set("q", JSON.stringify({ v: 1, e: [event("left-over")] }));
    const queue = createQueue(first.deps);
    queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.sent[0]!.map((e) => e.event)).toEqual(["left-over"]);

    const second = setup();
    second.raw.data.set("q", JSON.stringify({ v: 99, e: [event("future")] }));
    createQueue(second.deps).flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.sent).toHaveLength(0);
  });

  it("retries network errors, 429 and 5xx with growing backoff, then delivers once", async () => {
    const { queue, sent, raw } = setup([{ status: 0 }, { status: 503 }, { status: 429 }]);
    vi.spyOn(Math, "random").mockReturnValue(0);
    queue.push(event("a"), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(4);
    expect(stored(raw)?.e).toEqual([]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(4);
  });

  it("honours Retry-After", async () => {
    const { queue, sent } = setup([{ status: 429, retryAfter: "30" }]);
    queue.push(event("a"), true);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(2);
  });

  it("does not retry a 4xx: the batch is dropped and reported", async () => {
    const { queue, sent, errors, raw } = setup([{ status: 400 }]);
    queue.push(event("a"), true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(stored(raw)?.e).toEqual([]);
  });

  it("does not send more while backing off, and sends everything when back online", async () => {
    const { queue, sent } = setup([{ status: 0 }]);
    queue.push(event("a"), true);
    await vi.advanceTimersByTimeAsync(0);
    queue.push(event("b"), true);
    queue.push(event("c"));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(1);
    queue.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.map((e) => e.event)).toEqual(["a", "b", "c"]);
  });

  it("splits big backlogs into batches of at most 100 events", async () => {
    const { queue, sent } = setup();
    for (let i = 0; i < 250; i++) queue.push(event());
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it("is bounded: the oldest events go first", () => {
    const { queue, raw } = setup();
    queue.stop();
    for (let i = 0; i < MAX_QUEUED + 5; i++) queue.push(event(`e${i}`));
    const kept = stored(raw)!.e;
    expect(kept).toHaveLength(MAX_QUEUED);
    expect(kept[0]!.event).toBe("e5");
  });

  it("hands what is left to sendBeacon on page hide, keeping the stored copy as a fallback", () => {
    const { queue, beacons, raw } = setup();
    queue.push(event("a"));
    queue.push(event("b"));
    queue.flushBeacon();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.map((e) => e.event)).toEqual(["a", "b"]);
    // If the beacon is lost the next page sends them again; the server drops duplicates by uuid.
    expect(stored(raw)?.e).toHaveLength(2);
    queue.flushBeacon();
    expect(beacons).toHaveLength(1);
  });

  it("does not trust a beacon while the network is failing", async () => {
    const { queue, beacons } = setup([{ status: 0 }]);
    queue.push(event("a"), true);
    await vi.advanceTimersByTimeAsync(0);
    queue.flushBeacon();
    expect(beacons).toHaveLength(0);
  });

  it("survives a send that throws", async () => {
    const { queue, deps, sent } = setup();
    deps.send.mockImplementationOnce(() => {
      throw new Error("boom");
    });
    expect(() => queue.push(event("a"), true)).not.toThrow();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });
});
