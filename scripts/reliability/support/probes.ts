/** One request a prober made, with when it started and ended (ms since the epoch). */
export interface Sample {
  route: string;
  start: number;
  end: number;
  /** HTTP status; 0 = no answer (refused, reset); -1 = no answer within the hang limit. */
  status: number;
  contentType: string;
  retryAfter: string | null;
  /** For POST /events: the uuid sent, to check in the database when acknowledged. */
  uuid?: string;
}

export interface ProbeTarget {
  route: string;
  request: (n: number) => { path: string; init?: RequestInit; uuid?: string };
}

/** Beyond this a request counts as hanging: far above every timeout the server sets itself. */
export const hangLimitMs = 30_000;

/**
 * Calls each target in its own loop (one request at a time, `pauseMs` apart, no backoff, unlike
 * the SDK) so every moment of an outage is sampled, until `stop()`.
 */
export function startProbes(url: () => string, targets: ProbeTarget[], pauseMs = 50) {
  const samples: Sample[] = [];
  let running = true;
  const loops = targets.map(async (target) => {
    for (let n = 0; running; n++) {
      const { path, init, uuid } = target.request(n);
      const start = Date.now();
      let sample: Omit<Sample, "end">;
      try {
        const res = await fetch(`${url()}${path}`, {
          ...init,
          signal: AbortSignal.timeout(hangLimitMs),
        });
        await res.arrayBuffer();
        sample = {
          route: target.route,
          start,
          status: res.status,
          contentType: res.headers.get("content-type") ?? "",
          retryAfter: res.headers.get("retry-after"),
        };
      } catch (error) {
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        sample = {
          route: target.route,
          start,
          status: timedOut ? -1 : 0,
          contentType: "",
          retryAfter: null,
        };
      }
      samples.push({ ...sample, end: Date.now(), ...(uuid ? { uuid } : {}) });
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
