import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  buildBundle,
  freePort,
  type NodeProcess,
  type ServerMode,
  setupTenant,
  startNudge,
} from "../support/nudge-server.js";
import { Checks, sleep } from "./support/checks.js";
import { EventFleet, type FleetTally, statusesOf } from "./support/event-fleet.js";
import { runOutage } from "./support/outage.js";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres.js";
import { storedInPostgres, storedInSqlite, verdictOf } from "./support/stored-events.js";

/**
 * `npm run reliability:crash` — issue 8, acceptance line 3.
 *
 * For each dialect: the real server under sustained `POST /events` load from SDK-like clients
 * (unique uuids, one batch in flight each, unacknowledged batches retried with the same uuids)
 * is SIGKILLed several times mid-load and restarted on the same data. Afterwards the database
 * must hold every uuid a 2xx acknowledged, none twice, and nothing that was never sent.
 * On PostgreSQL (a private cluster on its own port; the machine's shared one is never touched)
 * the database is then killed for 10 s under load while the server keeps running: every answer
 * meanwhile must be a quick 503, and the server must recover by itself, losing nothing.
 *
 *   --only sqlite|postgres   one dialect (default: both)
 *   --kills 5                SIGKILLs per dialect
 *   --clients 8 --batch 50   concurrent clients, events per batch
 *   --outage-seconds 10      how long PostgreSQL stays down
 *   --server bundle|tsx      run the server as `npm start` does (default) or from the sources
 */
const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    kills: { type: "string", default: "5" },
    clients: { type: "string", default: "8" },
    batch: { type: "string", default: "50" },
    "outage-seconds": { type: "string", default: "10" },
    server: { type: "string", default: "bundle" },
    "pg-port": { type: "string", default: "55432" },
  },
});
const kills = Number(args.kills);
const clients = Number(args.clients);
const batchSize = Number(args.batch);
const mode = args.server as ServerMode;
const dialects = args.only ? [args.only as Dialect] : (["sqlite", "postgres"] as const);
type Dialect = "sqlite" | "postgres";

interface Storage {
  env: Record<string, string>;
  pg?: PrivatePostgres;
  sqliteFile?: string;
  cleanup(): void;
}

function openStorage(dialect: Dialect): Storage {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "nudge-crash-"));
    return {
      // The shipped durability settings (synchronous=FULL): what is proved is the default.
      env: { NUDGE_DATA_DIR: dir },
      sqliteFile: join(dir, "nudge.db"),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const pg = startPrivatePostgres(Number(args["pg-port"]));
  return { env: { DATABASE_URL: pg.url }, pg, cleanup: () => pg.destroy() };
}

async function createMessage(url: string, productId: string, secretKey: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/products/${productId}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Crash test",
      status: "active",
      trigger: { type: "page" },
      steps: [{ type: "modal", body: "Hello" }],
    }),
  });
  if (res.status !== 201) throw new Error(`create message: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

function tallyReport(t: FleetTally) {
  return {
    batches: t.batches,
    eventsSent: t.eventsSent,
    requests: t.requests,
    retries: t.retries,
    statuses: statusesOf(t),
    accepted: t.accepted,
    duplicates: t.duplicates,
  };
}

async function runDialect(dialect: Dialect): Promise<boolean> {
  console.log(`\n== ${dialect}: ${kills} SIGKILLs under /events load`);
  const checks = new Checks();
  const storage = openStorage(dialect);
  const port = await freePort();
  let server: NodeProcess | undefined;
  try {
    server = await startNudge(mode, storage.env, { port });
    const url = server.url;
    const tenant = await setupTenant(url);
    const messageId = await createMessage(url, tenant.productId, tenant.secretKey);
    const runId = `kill${randomBytes(4).toString("hex")}`;
    const fleet = new EventFleet({
      url: () => url,
      publishableKey: tenant.publishableKey,
      messageId,
      clients,
      batchSize,
      runId,
    });
    fleet.start();
    const downtimes: number[] = [];
    const inFlightAtKill: number[] = [];
    for (let k = 1; k <= kills; k++) {
      await sleep(2000 + Math.random() * 2000);
      const before = fleet.tally.acked.size;
      const inFlight = fleet.tally.inFlight;
      inFlightAtKill.push(inFlight);
      const killedAt = Date.now();
      await server.kill();
      await sleep(200);
      server = await startNudge(mode, storage.env, { port });
      downtimes.push(Date.now() - killedAt);
      console.log(
        `  kill ${k}: ${inFlight} batches in flight, ${before} events acknowledged so far; healthy again after ${downtimes.at(-1)} ms`,
      );
    }
    await sleep(3000);
    await fleet.drain(180_000);
    console.log(`  drained: ${fleet.tally.batches} batches, all acknowledged`);

    const expected = {
      acked: new Set(fleet.tally.acked),
      ackedInteractions: new Set(fleet.tally.ackedInteractions),
      sent: new Set(fleet.tally.sent),
    };
    let outage: Awaited<ReturnType<typeof runOutage>> | undefined;
    const outageRun = `outage${randomBytes(4).toString("hex")}`;
    if (storage.pg) {
      console.log(`\n== postgres: PostgreSQL down for ${args["outage-seconds"]} s under load`);
      outage = await runOutage(
        server,
        storage.pg,
        { ...tenant, messageId },
        {
          seconds: Number(args["outage-seconds"]),
          clients: Math.max(2, clients / 2),
          batchSize,
          runId: outageRun,
          maxDownLatencyMs: 6000,
        },
        checks,
      );
    }
    await server.stop();

    const stored = async (id: string) =>
      storage.pg
        ? storedInPostgres(storage.pg.url, tenant.productId, id)
        : storedInSqlite(storage.sqliteFile!, tenant.productId, id);
    const verdict = verdictOf(await stored(runId), expected);
    const t = fleet.tally;
    checks.expect(
      "kill: every acknowledged event is stored",
      verdict.ackedMissing === 0,
      `${verdict.ackedMissing} missing of ${expected.acked.size}`,
    );
    checks.expect(
      "kill: every acknowledged interaction is stored",
      verdict.interactionsAckedMissing === 0,
      `${verdict.interactionsAckedMissing} missing of ${expected.ackedInteractions.size}`,
    );
    checks.expect(
      "kill: no event uuid stored twice",
      verdict.storedTwice === 0,
      verdict.storedTwice,
    );
    checks.expect(
      "kill: no interaction uuid stored twice",
      verdict.interactionsStoredTwice === 0,
      verdict.interactionsStoredTwice,
    );
    checks.expect(
      "kill: nothing stored that was not sent",
      verdict.storedNeverSent === 0,
      verdict.storedNeverSent,
    );
    checks.expect(
      "kill: every batch acknowledged after retries",
      expected.acked.size === t.eventsSent,
      `${expected.acked.size} of ${t.eventsSent}`,
    );
    checks.expect(
      "kill: rows = events sent",
      verdict.rows === t.eventsSent,
      `${verdict.rows} rows, ${t.eventsSent} sent`,
    );
    checks.expect(
      "kill: accepted + duplicates = events sent (each batch answered once)",
      t.accepted + t.duplicates === t.eventsSent && t.miscounted === 0,
      `${t.accepted} + ${t.duplicates}`,
    );
    checks.expect(
      "kill: accepted never counts an event twice (accepted ≤ rows)",
      t.accepted <= verdict.rows,
      `${t.accepted} ≤ ${verdict.rows}`,
    );
    const unexpected = Object.keys(statusesOf(t)).filter((s) => !["0", "202", "503"].includes(s));
    checks.expect(
      "kill: answers were 202, 503 or no answer (server down)",
      unexpected.length === 0,
      JSON.stringify(statusesOf(t)),
    );

    let outageVerdict: ReturnType<typeof verdictOf> | undefined;
    if (outage) {
      const o = outage.fleet.tally;
      // The probes' single-event batches are not retried: only those acknowledged must be there.
      const acked = new Set([...o.acked, ...outage.probeAcked]);
      outageVerdict = verdictOf(await stored(outageRun), {
        acked,
        ackedInteractions: o.ackedInteractions,
        sent: new Set([...o.sent, ...outage.probeSent]),
      });
      checks.expect(
        "outage: every acknowledged event is stored",
        outageVerdict.ackedMissing === 0 && outageVerdict.interactionsAckedMissing === 0,
        `${outageVerdict.ackedMissing} missing of ${acked.size}`,
      );
      checks.expect(
        "outage: nothing stored that was not sent",
        outageVerdict.storedNeverSent === 0,
        outageVerdict.storedNeverSent,
      );
      checks.expect(
        "outage: no uuid stored twice",
        outageVerdict.storedTwice === 0 && outageVerdict.interactionsStoredTwice === 0,
        outageVerdict.storedTwice,
      );
      checks.expect(
        "outage: accepted never counts an event twice",
        o.accepted <= outageVerdict.rows,
        `${o.accepted} ≤ ${outageVerdict.rows}`,
      );
    }

    console.log(
      JSON.stringify(
        {
          dialect,
          kills,
          restartMs: downtimes,
          batchesInFlightAtKill: inFlightAtKill,
          load: tallyReport(t),
          stored: verdict,
          ...(outage
            ? {
                outage: outage.report,
                outageLoad: tallyReport(outage.fleet.tally),
                outageStored: outageVerdict,
              }
            : {}),
        },
        null,
        2,
      ),
    );
    checks.print(`${dialect}: checks`);
    return checks.failed.length === 0;
  } catch (error) {
    if (server) console.error(server.log.slice(-30).join("\n"));
    throw error;
  } finally {
    await server?.kill();
    storage.cleanup();
  }
}

if (mode === "bundle") buildBundle();
let ok = true;
for (const dialect of dialects) ok = (await runDialect(dialect)) && ok;
console.log(ok ? "\nall crash checks passed" : "\nSOME CRASH CHECKS FAILED");
process.exit(ok ? 0 : 1);
