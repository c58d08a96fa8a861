import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { printStages, type StageTimes, stageBreakdown } from "./breakdown.js";
import { scaleFromEnv } from "./data-shape.js";
import {
  activeRecipe,
  batchSize,
  type IngestTally,
  ingestRecipe,
  type LoadSettings,
  measure,
  sampleAnswers,
} from "./load.js";
import { type ProfileSummary, printProfile, profileServer } from "./profile.js";
import {
  type DialectResult,
  durabilityOf,
  printTable,
  targets,
  verdictOf,
  writeJson,
} from "./report.js";
import { defaultDatabaseUrl, seedPostgres } from "./seed-postgres.js";
import { seedSqlite } from "./seed-sqlite.js";
import {
  buildBundle,
  type ServerMode,
  startBare,
  startCeiling,
  startNudge,
  startReadsCeiling,
} from "./servers.js";
import type { Seeded } from "./tenant.js";

/**
 * `npm run bench`: seeds each dialect, then measures a bare node:http baseline, Fastify answering
 * a fixed body of the mean /active size (the stack's ceiling), the same after Nudge's two per-user
 * reads (the ceiling with the reads), GET /messages/active and POST /events (batches of 50) with
 * autocannon, all in one run.
 *   BENCH_SCALE=0.1            a tenth of the users and interactions (quick run)
 *   --only sqlite|postgres     one dialect
 *   --seconds 12 --warmup 3    measured and warm-up seconds per scenario
 *   --profile always|miss|never  CPU-profile /active (default: when it misses its target)
 *   --keep                     keep the seeded databases (prints where they are)
 *   --server bundle|tsx        run the server as `npm start` does (esbuild bundle, default)
 *                              or from the TypeScript sources via tsx, as the e2e tests do
 */
const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    seconds: { type: "string", default: "12" },
    warmup: { type: "string", default: "3" },
    profile: { type: "string", default: "miss" },
    keep: { type: "boolean", default: false },
    server: { type: "string", default: "bundle" },
  },
});

const settings: LoadSettings = {
  connections: 50,
  seconds: Number(args.seconds),
  warmupSeconds: Number(args.warmup),
};
const scale = scaleFromEnv();
const mode = args.server as ServerMode;
if (mode !== "bundle" && mode !== "tsx") throw new Error("--server must be bundle or tsx");
const databaseUrl = process.env.BENCH_DATABASE_URL ?? defaultDatabaseUrl;
const dialects = (args.only ? [args.only] : ["sqlite", "postgres"]) as DialectResult["dialect"][];
function gitState() {
  const git = (...a: string[]) => execFileSync("git", a, { encoding: "utf8" }).trim();
  try {
    return {
      commit: git("rev-parse", "HEAD"),
      uncommittedFiles: git("status", "--porcelain").split("\n").filter(Boolean).length,
    };
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The events count once the server has drained: requests cut off at the end of the run (their
 * sockets closed) may still be queued or committing, so wait until the count stops moving.
 */
async function settledCount(seeded: Seeded): Promise<number> {
  let last = await seeded.countEvents();
  for (let stable = 0, waited = 0; stable < 3 && waited < 60_000; waited += 500) {
    await sleep(500);
    const now = await seeded.countEvents();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

async function benchDialect(seeded: Seeded): Promise<DialectResult> {
  const { dialect } = seeded;
  console.log(
    `\n== ${dialect}: load (${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s each)`,
  );
  const bareServer = await startBare();
  const bare = await measure(bareServer.url, settings, () => ({
    method: "GET",
    path: "/",
  })).finally(() => bareServer.stop());
  console.log(`  bare node:http            ${bare.requestsPerSec} req/s`);

  const server = await startNudge(mode, seeded.serverEnv);
  try {
    const answers = await sampleAnswers(server.url, seeded);
    const ceilingServer = await startCeiling(answers.meanBytes);
    const ceiling = await measure(ceilingServer.url, settings, activeRecipe(seeded)).finally(() =>
      ceilingServer.stop(),
    );
    console.log(`  Fastify, fixed answer     ${ceiling.requestsPerSec} req/s`);
    const readsServer = await startReadsCeiling(
      answers.meanBytes,
      seeded.serverEnv,
      seeded.productId,
    );
    const readsCeiling = await measure(readsServer.url, settings, activeRecipe(seeded)).finally(
      () => readsServer.stop(),
    );
    console.log(`  Fastify, two reads, fixed ${readsCeiling.requestsPerSec} req/s`);
    const active = await measure(server.url, settings, activeRecipe(seeded));
    console.log(`  GET /messages/active      ${active.requestsPerSec} req/s`);

    const before = await seeded.countEvents();
    const tally: IngestTally = { pending: new Set(), ackedEvents: 0, rejected: 0 };
    const runId = `bench${randomBytes(4).toString("hex")}`;
    const ingest = await measure(server.url, settings, ingestRecipe(seeded, runId, tally));
    console.log(
      `  POST /events ×${batchSize}         ${ingest.requestsPerSec * batchSize} events/s`,
    );
    const landed = (await settledCount(seeded)) - before;
    // Batches cut off by the end of the run got no answer: they may land or not; count them.
    let landedUnanswered = 0;
    for (const n of tally.pending) landedUnanswered += await seeded.countEvents(`${runId}-${n}-`);
    const durability = durabilityOf(
      tally.ackedEvents,
      landed,
      landedUnanswered,
      tally.pending.size,
      tally.rejected,
    );
    return {
      dialect,
      seedSeconds: seeded.timings,
      answers,
      bare,
      ceiling,
      readsCeiling,
      active,
      ingest,
      durability,
      verdict: verdictOf(dialect, bare, active, ingest, durability),
    };
  } finally {
    await server.stop();
  }
}

type Result = DialectResult & { stages?: StageTimes; ingestProfile?: ProfileSummary };
const results: Result[] = [];
if (mode === "bundle") buildBundle();
for (const dialect of dialects) {
  console.log(
    `\n== ${dialect}: seeding (scale ${scale.factor}: ${scale.users} users, ${scale.interactions} interactions, ${scale.messages} messages)`,
  );
  const seeded =
    dialect === "sqlite" ? await seedSqlite(scale) : await seedPostgres(scale, databaseUrl);
  try {
    const result: Result = await benchDialect(seeded);
    const wanted = (passed: boolean) =>
      args.profile === "always" || (args.profile === "miss" && !passed);
    if (wanted(result.verdict.active)) {
      console.log(`\n== ${dialect}: profiling GET /messages/active`);
      result.profile = await profileServer(mode, seeded, settings, activeRecipe(seeded));
      result.stages = await stageBreakdown(seeded);
    }
    if (wanted(result.verdict.ingest)) {
      console.log(`\n== ${dialect}: profiling POST /events`);
      const tally: IngestTally = { pending: new Set(), ackedEvents: 0, rejected: 0 };
      const recipe = ingestRecipe(seeded, `prof${randomBytes(4).toString("hex")}`, tally);
      result.ingestProfile = await profileServer(mode, seeded, settings, recipe);
    }
    results.push(result);
  } finally {
    if (args.keep) {
      const { productId, publishableKey, serverEnv } = seeded;
      console.log(`  kept: ${JSON.stringify({ productId, publishableKey, serverEnv })}`);
    } else await seeded.drop();
  }
}

printTable(results);
for (const r of results) {
  console.log(`\n${r.dialect}: seed times (s): ${JSON.stringify(r.seedSeconds)}`);
  if (r.profile) printProfile(`${r.dialect} GET /messages/active`, r.profile);
  if (r.stages) printStages(r.dialect, r.stages);
  if (r.ingestProfile) printProfile(`${r.dialect} POST /events`, r.ingestProfile);
}

const out = new URL("./results/latest.json", import.meta.url);
writeJson(out, {
  generatedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  code: gitState(),
  server: mode,
  scale,
  settings,
  targets,
  results,
});
console.log(`\nResults written to ${out.pathname}`);
