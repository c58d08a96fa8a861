import { describe, expect, it, vi } from "vitest";
import { backoffDelay, isRetryable, retryAfterMs, withRetry } from "../src/core/backoff.js";

describe("isRetryable", () => {
  it("retries network errors, 429 and 5xx only", () => {
    expect([0, 429, 500, 502, 503].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([200, 202, 400, 401, 404, 413, 422].map(isRetryable)).toEqual(Array(7).fill(false));
  });
});

describe("backoffDelay", () => {
  it("doubles from 1 s up to a 60 s ceiling, with jitter in the upper half", () => {
    const low = (a: number) => backoffDelay(a, 0, () => 0);
    const high = (a: number) => backoffDelay(a, 0, () => 1);
    expect([0, 1, 2, 3].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect(high(20)).toBe(60_000);
    expect(low(1000)).toBe(30_000);
  });

  it("waits at least as long as Retry-After asks", () => {
    expect(backoffDelay(0, 120_000, () => 0)).toBe(120_000);
    expect(backoffDelay(5, 1000, () => 0)).toBe(16_000);
  });
});

describe("retryAfterMs", () => {
  it("reads delta-seconds and ignores everything else", () => {
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs(null)).toBe(0);
    expect(retryAfterMs("")).toBe(0);
    expect(retryAfterMs("soon")).toBe(0);
    expect(retryAfterMs("-3")).toBe(0);
  });
});

describe("withRetry", () => {
  it("retries retryable answers and stops at the first final one", async () => {
    vi.useFakeTimers();
    try {
      const answers = [{ status: 0 }, { status: 503 }, { status: 200 }];
      const request = vi.fn(async () => answers.shift()!);
      const done = withRetry(request);
      await vi.runAllTimersAsync();
      expect(await done).toEqual({ status: 200 });
      expect(request).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives up after `tries` and treats a rejected request as a network error", async () => {
    vi.useFakeTimers();
    try {
      const request = vi.fn(() => Promise.reject(new Error("offline")));
      const done = withRetry(request, 3);
      await vi.runAllTimersAsync();
      expect(await done).toEqual({ status: 0 });
      expect(request).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never retries a 4xx", async () => {
    const request = vi.fn(async () => ({ status: 400 }));
    expect(await withRetry(request)).toEqual({ status: 400 });
    expect(request).toHaveBeenCalledTimes(1);
  });
});
