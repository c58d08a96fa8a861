import { randomUUID } from "node:crypto";
import { distinctIdOf } from "../../../bench/data-shape.js";
import { sleep } from "./checks.js";
import type { SoakTenant } from "./soak-tenant.js";

/** Every answer of the soak, bucketed by minute since the traffic started. */
export class Recorder {
  readonly started = Date.now();
  readonly latencies = new Map<string, number[][]>();
  readonly counts = new Map<string, number>();
  readonly errors: { route: string; status: number; body: string; minute: number }[] = [];

  minuteOf(at: number): number {
    return Math.floor((at - this.started) / 60_000);
  }

  record(route: string, at: number, ms: number, status: number, body: string): void {
    const minute = this.minuteOf(at);
    const perMinute = this.latencies.get(route) ?? [];
    const bucket = perMinute[minute] ?? [];
    bucket.push(ms);
    perMinute[minute] = bucket;
    this.latencies.set(route, perMinute);
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
    if (status < 200 || status >= 300) {
      this.errors.push({ route, status, body: body.slice(0, 300), minute });
    }
  }
}

interface Loop {
  route: string;
  workers: number;
  thinkMs: number;
  call: (n: number) => { path: string; init?: RequestInit };
}

const pages = ["/", "/pricing", "/app", "/app/settings", "/docs/getting-started"];
const any = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** A seeded user, or (5%) a visitor never seen before. */
function someone(users: number): string {
  return Math.random() < 0.05
    ? `anon-${randomUUID()}`
    : distinctIdOf(Math.floor(Math.random() * users));
}

/** Client traffic as browsers send it: reads of the active list dominate. */
export function clientLoops(t: SoakTenant): Loop[] {
  const pk = `api_key=${t.publishableKey}`;
  const text = (body: unknown): RequestInit => ({
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify(body),
  });
  return [
    {
      route: "GET /messages/active",
      workers: 6,
      thinkMs: 20,
      call: () => ({
        path: `/api/v1/messages/active?distinct_id=${encodeURIComponent(someone(t.users))}&${pk}`,
      }),
    },
    {
      route: "POST /events (20)",
      workers: 2,
      thinkMs: 100,
      call: () => ({
        path: `/api/v1/events?${pk}`,
        init: text({
          batch: Array.from({ length: 20 }, (_, i) => {
            const distinctId = someone(t.users);
            if (i % 4 === 0) {
              const messageId = any(t.messageIds);
              return {
                uuid: randomUUID(),
                event: "message_impression",
                distinctId,
                properties: { messageId, step: 0 },
              };
            }
            return {
              uuid: randomUUID(),
              event: "$pageview",
              distinctId,
              properties: { path: any(pages) },
            };
          }),
        }),
      }),
    },
    {
      route: "POST /messages/:id/track",
      workers: 1,
      thinkMs: 50,
      call: () => ({
        path: `/api/v1/messages/${any(t.messageIds)}/track?${pk}`,
        init: text({
          type: any(["impression", "impression", "dismiss", "cta_click"]),
          distinctId: someone(t.users),
          uuid: randomUUID(),
        }),
      }),
    },
    {
      route: "POST /identify",
      workers: 1,
      thinkMs: 100,
      call: () => ({
        path: `/api/v1/identify?${pk}`,
        init: text({
          distinctId: someone(t.users),
          traits: { lastSeenPage: any(pages), visits: Math.floor(Math.random() * 100) },
        }),
      }),
    },
  ];
}

async function timed(recorder: Recorder, route: string, url: string, init?: RequestInit) {
  const at = Date.now();
  const t0 = performance.now();
  let status = 0;
  let body = "";
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    status = res.status;
    body = await res.text();
  } catch (error) {
    body = String(error);
  }
  recorder.record(route, at, performance.now() - t0, status, body);
  return { status, body };
}

/** Runs every loop until `stop()`; each worker waits for its answer, then thinks, then goes on. */
export function runTraffic(url: string, t: SoakTenant, recorder: Recorder, statsEverySeconds = 0) {
  let running = true;
  const workers = [
    ...clientLoops(t).flatMap((loop) =>
      Array.from({ length: loop.workers }, async () => {
        for (let n = 0; running; n++) {
          const { path, init } = loop.call(n);
          await timed(recorder, loop.route, `${url}${path}`, init);
          await sleep(loop.thinkMs);
        }
      }),
    ),
    adminLoop(url, t, recorder, () => running),
    ...(statsEverySeconds > 0
      ? [statsLoop(url, t, recorder, statsEverySeconds, () => running)]
      : []),
  ];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/**
 * What the dashboard and a customer's backend write while the client traffic runs: each write
 * invalidates the product's cached active set, so the hot path keeps rebuilding it.
 */
async function adminLoop(url: string, t: SoakTenant, recorder: Recorder, running: () => boolean) {
  const product = `${url}/api/v1/products/${t.productId}`;
  const json = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: {
      authorization: `Bearer ${t.secretKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const steps: (() => Promise<void>)[] = [
    async () => {
      const id = any(t.messageIds);
      const got = await timed(
        recorder,
        "admin GET message",
        `${product}/messages/${id}`,
        json("GET"),
      );
      if (got.status !== 200) return;
      const { version } = JSON.parse(got.body) as { version: number };
      const priority = Math.floor(Math.random() * 101);
      await timed(
        recorder,
        "admin PATCH message",
        `${product}/messages/${id}`,
        json("PATCH", { version, priority }),
      );
    },
    async () => {
      const id = any(t.segmentIds);
      const got = await timed(
        recorder,
        "admin GET segment",
        `${product}/segments/${id}`,
        json("GET"),
      );
      if (got.status !== 200) return;
      const { name, filter } = JSON.parse(got.body) as { name: string; filter: unknown };
      await timed(
        recorder,
        "admin PUT segment",
        `${product}/segments/${id}`,
        json("PUT", { name, filter }),
      );
    },
    async () => {
      const user = distinctIdOf(Math.floor(Math.random() * t.users));
      await timed(
        recorder,
        "admin PUT score",
        `${product}/users/${user}/scores`,
        json("PUT", { churnProb: Math.random() }),
      );
    },
    async () => {
      const created = await timed(
        recorder,
        "admin POST message",
        `${product}/messages`,
        json("POST", {
          name: "Soak draft",
          status: "active",
          trigger: { type: "page", urlRegex: "^/app" },
          steps: [{ type: "banner", body: "Soak" }],
        }),
      );
      if (created.status !== 201) return;
      const { id } = JSON.parse(created.body) as { id: string };
      await timed(recorder, "admin DELETE message", `${product}/messages/${id}`, json("DELETE"));
    },
  ];
  for (let n = 0; running(); n++) {
    await steps[n % steps.length]!();
    await sleep(500);
  }
}

export const controlRoute = "bare node:http (noise control)";

/** One worker on the bare server, paced like the /messages/active workers. */
export function runControl(url: string, recorder: Recorder) {
  let running = true;
  const worker = (async () => {
    while (running) {
      await timed(recorder, controlRoute, `${url}/`);
      await sleep(20);
    }
  })();
  return {
    async stop() {
      running = false;
      await worker;
    },
  };
}

/** A dashboard open on the product's stats page, refreshing every `seconds`. */
async function statsLoop(
  url: string,
  t: SoakTenant,
  recorder: Recorder,
  seconds: number,
  running: () => boolean,
) {
  const headers = { authorization: `Bearer ${t.secretKey}` };
  while (running()) {
    await timed(recorder, "admin GET stats", `${url}/api/v1/products/${t.productId}/stats`, {
      headers,
    });
    for (let waited = 0; waited < seconds * 1000 && running(); waited += 250) await sleep(250);
  }
}
