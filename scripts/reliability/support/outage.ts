import type { NodeProcess } from "../../support/nudge-server.js";
import { type Checks, sleep, until } from "./checks.js";
import { EventFleet, statusesOf } from "./event-fleet.js";
import type { PrivatePostgres } from "./private-postgres.js";
import { type ProbeTarget, percentile, type Sample, startProbes } from "./probes.js";

export interface OutageSettings {
  seconds: number;
  clients: number;
  batchSize: number;
  runId: string;
  /** A down-window answer slower than this is a hang: pg's connectionTimeoutMillis (5 s) + 1 s. */
  maxDownLatencyMs: number;
}

interface Tenant {
  productId: string;
  publishableKey: string;
  secretKey: string;
}

const isOk = (status: number) => status >= 200 && status < 300;

function targets(tenant: Tenant, runId: string): ProbeTarget[] {
  const pk = tenant.publishableKey;
  return [
    {
      route: "POST /api/v1/events",
      request: (n) => {
        const uuid = `${runId}-probe-${n}`;
        const batch = [{ uuid, event: "outage_probe", distinctId: `probe-${n % 20}` }];
        return {
          path: `/api/v1/events?api_key=${pk}`,
          init: {
            method: "POST",
            headers: { "content-type": "text/plain" },
            body: JSON.stringify({ batch }),
          },
          uuid,
        };
      },
    },
    {
      route: "GET /api/v1/messages/active",
      request: (n) => ({
        path: `/api/v1/messages/active?distinct_id=probe-${n % 20}&api_key=${pk}`,
      }),
    },
    {
      route: "POST /api/v1/identify",
      request: (n) => ({
        path: `/api/v1/identify?api_key=${pk}`,
        init: {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ distinctId: `probe-${n % 20}`, traits: { n } }),
        },
      }),
    },
    {
      route: "GET /api/v1/products/:productId/messages",
      request: () => ({
        path: `/api/v1/products/${tenant.productId}/messages`,
        init: { headers: { authorization: `Bearer ${tenant.secretKey}` } },
      }),
    },
    { route: "GET /healthz", request: () => ({ path: "/healthz" }) },
  ];
}

export interface OutageResult {
  fleet: EventFleet;
  /** Probe uuids of POST /events: all sent, and those acknowledged. */
  probeSent: Set<string>;
  probeAcked: Set<string>;
  report: Record<string, unknown>;
}

/**
 * Sustained load, then PostgreSQL is killed (`pg_ctl stop -m immediate`) for `seconds` and
 * started again, with the Nudge server left running throughout. While PostgreSQL is down every
 * answer must be a quick 503 problem+json (Retry-After on API routes), never a 500 or a hang;
 * once it is back, every route must answer 2xx again without a server restart.
 */
export async function runOutage(
  server: NodeProcess,
  pg: PrivatePostgres,
  tenant: Tenant & { messageId: string },
  settings: OutageSettings,
  checks: Checks,
): Promise<OutageResult> {
  let serverExited = false;
  void server.exited.then(() => {
    serverExited = true;
  });
  const fleet = new EventFleet({
    url: () => server.url,
    publishableKey: tenant.publishableKey,
    messageId: tenant.messageId,
    clients: settings.clients,
    batchSize: settings.batchSize,
    runId: settings.runId,
  });
  const probeTargets = targets(tenant, settings.runId);
  fleet.start();
  const probes = startProbes(() => server.url, probeTargets);
  await sleep(3000);
  const stopping = Date.now();
  await pg.crash();
  const down = Date.now();
  console.log(`  PostgreSQL killed (pg_ctl stop -m immediate took ${down - stopping} ms)`);
  await sleep(settings.seconds * 1000);
  const starting = Date.now();
  await pg.start();
  const up = Date.now();
  console.log(`  PostgreSQL back after ${((up - down) / 1000).toFixed(1)} s down`);
  const routes = probeTargets.map((t) => t.route);
  const recoveredAt = (route: string) =>
    probes.samples.find((s) => s.route === route && s.start >= up && isOk(s.status))?.end;
  const recovered = await until(() => routes.every((r) => recoveredAt(r) !== undefined), 60_000);
  await sleep(3000);
  await probes.stop();
  await fleet.drain(180_000);

  const samples = probes.samples;
  const downSamples = samples.filter((s) => s.start >= down && s.end <= starting);
  const latency = (s: Sample) => s.end - s.start;
  const not503 = downSamples.filter((s) => s.status !== 503);
  const notProblem = downSamples.filter((s) => !s.contentType.includes("application/problem+json"));
  const apiDown = downSamples.filter((s) => s.route !== "GET /healthz");
  const noRetryAfter = apiDown.filter((s) => !(Number(s.retryAfter) > 0));
  const never = samples.filter((s) => s.status === 0 || s.status === -1 || s.status === 500);
  const other = samples.filter((s) => !isOk(s.status) && s.status !== 503);
  const lastRecovery = Math.max(...routes.map((r) => recoveredAt(r) ?? Number.POSITIVE_INFINITY));
  const flapping = samples.filter((s) => s.start > lastRecovery && !isOk(s.status));
  const maxDown = Math.max(0, ...downSamples.map(latency));
  const fleetStatuses = statusesOf(fleet.tally);
  const fleetBad = Object.keys(fleetStatuses).filter((s) => !isOk(Number(s)) && s !== "503");

  const perRoute = Object.fromEntries(
    routes.map((route) => {
      const mine = downSamples.filter((s) => s.route === route);
      const at = recoveredAt(route);
      return [
        route,
        {
          downAnswers: mine.length,
          down503: mine.filter((s) => s.status === 503).length,
          p50DownMs: percentile(mine.map(latency), 0.5),
          maxDownMs: Math.max(0, ...mine.map(latency)),
          recoveredAfterMs: at === undefined ? null : at - up,
        },
      ];
    }),
  );
  checks.expect(
    "outage: answers while PostgreSQL was down",
    downSamples.length > 100,
    downSamples.length,
  );
  checks.expect("outage: every answer while down is 503", not503.length === 0, listSamples(not503));
  checks.expect("outage: …as problem+json", notProblem.length === 0, listSamples(notProblem));
  checks.expect(
    "outage: …with Retry-After (API routes)",
    noRetryAfter.length === 0,
    listSamples(noRetryAfter),
  );
  checks.expect(
    `outage: slowest answer while down ≤ ${settings.maxDownLatencyMs} ms`,
    maxDown <= settings.maxDownLatencyMs,
    `${maxDown} ms`,
  );
  checks.expect(
    "outage: no 500, no dropped connection, no hang",
    never.length === 0,
    listSamples(never),
  );
  checks.expect("outage: nothing but 2xx or 503", other.length === 0, listSamples(other));
  checks.expect(
    "outage: every route answers 2xx again",
    recovered,
    JSON.stringify(
      Object.fromEntries(
        routes.map((r) => [r, recoveredAt(r) === undefined ? null : recoveredAt(r)! - up]),
      ),
    ),
  );
  checks.expect("outage: only 2xx once recovered", flapping.length === 0, listSamples(flapping));
  checks.expect("outage: the server was never restarted", !serverExited, `pid ${server.pid}`);
  checks.expect(
    "outage: SDK-like clients saw only 2xx or 503",
    fleetBad.length === 0,
    JSON.stringify(fleetStatuses),
  );

  const probeSent = new Set(samples.flatMap((s) => (s.uuid ? [s.uuid] : [])));
  const probeAcked = new Set(samples.flatMap((s) => (s.uuid && isOk(s.status) ? [s.uuid] : [])));
  return {
    fleet,
    probeSent,
    probeAcked,
    report: {
      downSeconds: Math.round((starting - down) / 100) / 10,
      probeRequests: samples.length,
      answersWhileDown: downSamples.length,
      maxLatencyWhileDownMs: maxDown,
      perRoute,
      fleetStatuses,
    },
  };
}

function listSamples(samples: Sample[]): string {
  if (samples.length === 0) return "0";
  const first = samples.slice(0, 3).map((s) => `${s.route} → ${s.status} in ${s.end - s.start} ms`);
  return `${samples.length}, e.g. ${first.join("; ")}`;
}
