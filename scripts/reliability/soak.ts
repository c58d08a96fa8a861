import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Child, startBare } from "../../bench/servers.js";
import {
  buildBundle,
  type NodeProcess,
  type ServerMode,
  startNudge,
} from "../support/nudge-server.js";
import { Checks, sleep } from "./support/checks.js";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres.js";
import { percentile } from "./support/probes.js";
import { fillHistory, seedSoakTenant } from "./support/soak-tenant.js";
import { controlRoute, Recorder, runControl, runTraffic } from "./support/soak-traffic.js";

/**
 * `npm run reliability:soak` — issue 8, acceptance line 4: 10 minutes of mixed traffic (the
 * active list, track, events, identify, admin writes) against the real server →
 * no error responses, RSS growth under 10% after warm-up, p99 of /messages/active stable.
 *
 *   --minutes 10             how long the traffic runs (e.g. --minutes 2 for a quick run)
 *   --warmup 2               minutes excluded from the RSS and p99 comparisons (RSS settles
 *                            from the history import through the second minute)
 *   --dialect sqlite|postgres   PostgreSQL runs on a private cluster (port --pg-port)
 *   --messages 200 --users 5000  the seeded product
 *   --history-mb 200         history ingested first, so SQLite's 128 MiB page cache starts full
 *                            (0: start from an almost empty database)
 *   --server bundle|tsx      run the server as `npm start` does (default) or from the sources
 *   --stats-every 0          also read the product's stats every N seconds (a dashboard open
 *                            on the stats page); 0: admin writes only, as the acceptance line
 *   --json file              also write the figures there
 */
const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    dialect: { type: "string", default: "sqlite" },
    messages: { type: "string", default: "200" },
    users: { type: "string", default: "5000" },
    "history-mb": { type: "string", default: "200" },
    server: { type: "string", default: "bundle" },
    "pg-port": { type: "string", default: "55433" },
    "stats-every": { type: "string", default: "0" },
    json: { type: "string" },
  },
});
const minutes = Number(args.minutes);
const warmupMinutes = Number(args.warmup);
const mode = args.server as ServerMode;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs: number[]) => percentile(xs, 0.5);

async function main(): Promise<boolean> {
  if (mode === "bundle") buildBundle();
  let pg: PrivatePostgres | undefined;
  let dataDir: string | undefined;
  let env: Record<string, string>;
  if (args.dialect === "postgres") {
    pg = startPrivatePostgres(Number(args["pg-port"]));
    env = { DATABASE_URL: pg.url };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "nudge-soak-"));
    env = { NUDGE_DATA_DIR: dataDir };
  }
  let server: NodeProcess | undefined;
  let bare: Child | undefined;
  try {
    // The machine is shared and noisy: a bare node:http server probed alongside shows how much
    // of a latency swing is the machine's rather than Nudge's.
    bare = await startBare();
    // --trace-gc: the V8 heap after each full collection, to tell a JavaScript leak from
    // native memory (SQLite's page cache, up to 128 MiB a connection, fills as the file grows).
    server = await startNudge(mode, env, { nodeArgs: ["--trace-gc"] });
    console.log(
      `== soak on ${args.dialect}: seeding ${args.messages} messages, ${args.users} users`,
    );
    const seedStart = Date.now();
    const tenant = await seedSoakTenant(server.url, {
      messages: Number(args.messages),
      users: Number(args.users),
    });
    const historyBytes = Number(args["history-mb"]) * 1024 * 1024;
    // ~0.45 MB of JSON a batch; on SQLite the file itself says when there is enough.
    // The main file, not its WAL: pages count once a checkpoint has moved them there.
    const batches = await fillHistory(server.url, tenant, (n) =>
      dataDir ? dbSize(dataDir, false) >= historyBytes : n * 0.45 * 1024 * 1024 >= historyBytes,
    );
    const size = dataDir ? `, database ${mb(dbSize(dataDir))} MB` : "";
    console.log(
      `  seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s (${batches * 500} history events${size}); ${minutes} min of traffic`,
    );

    const recorder = new Recorder();
    const rss: Sample[] = [];
    const sample = () =>
      rss.push({ at: Date.now(), bytes: server!.rss(), dbBytes: dbSize(dataDir) });
    const sampler = setInterval(sample, 5000);
    sample();
    const traffic = runTraffic(server.url, tenant, recorder, Number(args["stats-every"]));
    const control = runControl(bare.url, recorder);
    const progress = setInterval(() => {
      const m = recorder.minuteOf(Date.now()) - 1;
      const active = recorder.latencies.get("GET /messages/active")?.[m] ?? [];
      console.log(
        `  minute ${m + 1}: /messages/active ${active.length} answers, p99 ${percentile(active, 0.99).toFixed(1)} ms; RSS ${mb(rss.at(-1)!.bytes)} MB; errors so far ${recorder.errors.length}`,
      );
    }, 60_000);
    await sleep(minutes * 60_000);
    await traffic.stop();
    await control.stop();
    clearInterval(progress);
    clearInterval(sampler);
    sample();
    const heap = server.heapAfterGc;
    const serverErrors = server.log.filter((l) => /"level":(50|60)/.test(l));
    await server.stop();

    return report(recorder, rss, heap, serverErrors, server.log.length);
  } catch (error) {
    if (server) console.error(server.log.slice(-30).join("\n"));
    throw error;
  } finally {
    await server?.kill();
    await bare?.stop();
    pg?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Sample {
  at: number;
  bytes: number;
  /** SQLite: the database file and its WAL. */
  dbBytes: number;
}

function dbSize(dir: string | undefined, withWal = true): number {
  if (!dir) return Number.NaN;
  const size = (f: string) => {
    try {
      return statSync(join(dir, f)).size;
    } catch {
      return 0;
    }
  };
  return size("nudge.db") + (withWal ? size("nudge.db-wal") : 0);
}

function report(
  recorder: Recorder,
  rss: Sample[],
  heap: { at: number; mb: number }[],
  serverErrors: string[],
  logLines: number,
): boolean {
  const checks = new Checks();
  const t0 = recorder.started;
  const warmupEnd = t0 + warmupMinutes * 60_000;
  const end = rss.at(-1)!.at;
  const windowMs = Math.min(60_000, (end - warmupEnd) / 2);
  const inWindow = (from: number, to: number) =>
    rss.filter((s) => s.at >= from && s.at <= to).map((s) => s.bytes);
  const baseline = mean(inWindow(warmupEnd, warmupEnd + windowMs));
  const final = mean(inWindow(end - windowMs, end));
  const growth = (final - baseline) / baseline;

  const active = recorder.latencies.get("GET /messages/active") ?? [];
  const control = recorder.latencies.get(controlRoute) ?? [];
  const wholeMinutes = Math.floor(minutes);
  const perMinute = Array.from({ length: wholeMinutes }, (_, m) => {
    const xs = active[m] ?? [];
    const inMinute = rss.filter((s) => recorder.minuteOf(s.at) === m);
    const samples = inMinute.map((s) => s.bytes);
    const heapInMinute = heap.filter((h) => recorder.minuteOf(h.at) === m).map((h) => h.mb);
    return {
      minute: m + 1,
      answers: xs.length,
      p50: Math.round(percentile(xs, 0.5) * 10) / 10,
      p99: Math.round(percentile(xs, 0.99) * 10) / 10,
      max: Math.round(Math.max(0, ...xs) * 10) / 10,
      bareP99: Math.round(percentile(control[m] ?? [], 0.99) * 10) / 10,
      rssMb: mb(samples.at(-1) ?? Number.NaN),
      heapMb: heapInMinute.length ? Math.min(...heapInMinute) : Number.NaN,
      dbMb: mb(inMinute.at(-1)?.dbBytes ?? Number.NaN),
      errors: recorder.errors.filter((e) => e.minute === m).length,
    };
  });
  const measured = perMinute.filter((m) => m.minute > warmupMinutes);
  const third = Math.max(1, Math.floor(measured.length / 3));
  const early = median(measured.slice(0, third).map((m) => m.p99));
  const late = median(measured.slice(-third).map((m) => m.p99));
  // Other work on this shared machine slows every process, a bare node:http server included:
  // stability is judged on the p99 in units of the bare server's p99 of the same minute, so a
  // drift of Nudge's own (a growing database, a leak) shows and the neighbours' load does not.
  const relative = (ms: typeof measured) => median(ms.map((m) => m.p99 / Math.max(1, m.bareP99)));
  const earlyRel = Math.round(relative(measured.slice(0, third)) * 100) / 100;
  const lateRel = Math.round(relative(measured.slice(-third)) * 100) / 100;

  const counts = Object.fromEntries(recorder.counts);
  const byRoute = [...recorder.latencies.entries()].map(
    ([route, minutesOf]) =>
      [
        route,
        Array.from({ length: wholeMinutes }, (_, m) => {
          const xs = minutesOf[m] ?? [];
          const round = (x: number) => Math.round(x * 10) / 10;
          return {
            minute: m + 1,
            n: xs.length,
            p50: round(percentile(xs, 0.5)),
            p99: round(percentile(xs, 0.99)),
            max: round(Math.max(0, ...xs)),
          };
        }),
      ] as const,
  );
  const total = [...recorder.counts.entries()]
    .filter(([route]) => route !== controlRoute)
    .reduce((a, [, n]) => a + n, 0);
  const figures = {
    dialect: args.dialect,
    minutes,
    warmupMinutes,
    requests: total,
    byRoute: counts,
    errors: recorder.errors.length,
    serverErrorLogLines: serverErrors.length,
    serverLogLines: logLines,
    rssMb: {
      afterWarmup: mb(baseline),
      end: mb(final),
      max: mb(Math.max(...rss.map((s) => s.bytes))),
    },
    rssGrowthPercent: Math.round(growth * 1000) / 10,
    activeP99Ms: {
      firstThird: early,
      lastThird: late,
      ratio: Math.round((late / early) * 100) / 100,
    },
    activeP99OverBareP99: {
      firstThird: earlyRel,
      lastThird: lateRel,
      ratio: Math.round((lateRel / earlyRel) * 100) / 100,
    },
    heapAfterGcMb: {
      afterWarmup: Math.min(
        ...heap.filter((h) => h.at >= warmupEnd && h.at <= warmupEnd + windowMs).map((h) => h.mb),
      ),
      end: Math.min(...heap.filter((h) => h.at >= end - windowMs).map((h) => h.mb)),
    },
    perMinute,
    routes: Object.fromEntries(byRoute),
  };
  console.log(
    "\nminute  /active answers    p50 ms    p99 ms    max ms  bare p99   RSS MB  heap MB    DB MB  errors",
  );
  for (const m of perMinute) {
    const cells = [m.answers, m.p50, m.p99, m.max, m.bareP99, m.rssMb, m.heapMb, m.dbMb, m.errors];
    const widths = [16, 9, 9, 9, 9, 8, 8, 8, 7];
    console.log(
      String(m.minute).padStart(6) +
        cells.map((c, i) => ` ${String(c).padStart(widths[i]!)}`).join(""),
    );
  }
  console.log("\nslowest answer per minute (ms), by route");
  for (const [route, byMinute] of byRoute) {
    console.log(
      `  ${route.padEnd(32)} ${byMinute.map((m) => String(m.max).padStart(6)).join(" ")}`,
    );
  }
  console.log(JSON.stringify({ ...figures, perMinute: undefined, routes: undefined }, null, 2));
  if (args.json) writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);

  checks.expect(
    "no error responses",
    recorder.errors.length === 0,
    `${recorder.errors.length} of ${total}${recorder.errors.length ? `, e.g. ${JSON.stringify(recorder.errors.slice(0, 3))}` : ""}`,
  );
  checks.expect(
    "no error in the server's log",
    serverErrors.length === 0,
    serverErrors.slice(0, 2).join(" | ") || 0,
  );
  checks.expect(
    "RSS growth after warm-up < 10%",
    growth < 0.1,
    `${figures.rssGrowthPercent}% (${mb(baseline)} → ${mb(final)} MB)`,
  );
  checks.expect(
    "p99 of /messages/active stable: last third ≤ 1.5 × first third (medians of per-minute p99 over the bare server's)",
    lateRel <= 1.5 * earlyRel,
    `${earlyRel} → ${lateRel} × the bare p99 (raw ${early} ms → ${late} ms)`,
  );
  checks.print("soak: checks");
  return checks.failed.length === 0;
}

const ok = await main();
console.log(ok ? "\nsoak passed" : "\nSOAK FAILED");
process.exit(ok ? 0 : 1);
