import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type autocannon from "autocannon";
import { type LoadSettings, measure } from "./load.js";
import { type ServerMode, startNudge } from "./servers.js";
import type { Seeded } from "./tenant.js";

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /**
   * Non-idle time of the server's main thread over the measured window, ms (V8 samples wall
   * time: on a busy 2-core box it includes time preempted by other processes), and requests.
   */
  busyMs: number;
  requests: number;
  busyMicrosPerRequest: number;
  /** Self time by area, percent of busy time. */
  byArea: Record<string, number>;
  /** Inclusive time of our own functions (top 25), percent of busy time. */
  hotPath: Record<string, number>;
  /** Top self-time functions, percent of busy time. */
  topSelf: { fn: string; pct: number }[];
}

const areas: [string, RegExp][] = [
  ["rules (isVisible/checks/filter)", /packages\/rules\//],
  ["delivery domain", /server\/src\/domain\/delivery\//],
  ["server: other src", /packages\/server\/src\//],
  ["kysely (build/compile SQL)", /node_modules\/kysely\//],
  ["better-sqlite3", /node_modules\/better-sqlite3\//],
  ["pg driver", /node_modules\/pg[a-z-]*\//],
  ["zod (querystring validation)", /node_modules\/zod\//],
  [
    "fastify + plugins",
    /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-|fastify-)/,
  ],
  [
    "node http/net/streams",
    /node:(_http|http|net|internal\/(http|stream|streams|net|timers))|^node:internal\/(http|stream)/,
  ],
  ["node internals (other)", /^node:/],
  ["other node_modules", /node_modules\//],
];

function areaOf(node: CpuNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (functionName.startsWith("(")) return functionName; // (garbage collector), (program)…
    return "native (V8/C++ builtins, SQLite, JSON)";
  }
  for (const [name, re] of areas) if (re.test(url)) return name;
  return "other";
}

/** Inclusive time is reported for our own code and for Kysely's query execution. */
const tracked = (url: string, fn: string) =>
  (url.includes("/packages/") && fn !== "" && fn !== "__name") ||
  (url.includes("node_modules/kysely/") && (fn === "executeQuery" || fn === "compileQuery"));

/** Points frames of a bundle (with a .map beside it) back at their source files. */
function mapToSources(profile: CpuProfile): void {
  const maps = new Map<string, { map: SourceMap; dir: string } | null>();
  for (const { callFrame: frame } of profile.nodes) {
    if (!frame.url.endsWith(".js") || frame.url.includes("node_modules")) continue;
    let entry = maps.get(frame.url);
    if (entry === undefined) {
      const file = frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url;
      entry = existsSync(`${file}.map`)
        ? {
            map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8"))),
            dir: dirname(file),
          }
        : null;
      maps.set(frame.url, entry);
    }
    if (!entry) continue;
    const found = entry.map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!found.originalSource) continue;
    const source = found.originalSource;
    frame.url = source.startsWith("file:") ? fileURLToPath(source) : resolve(entry.dir, source);
    frame.lineNumber = found.originalLine ?? 0;
  }
}

/** Summarises the samples taken between `fromMs` and `toMs` after the profile started. */
export function summarise(
  profile: CpuProfile,
  requests: number,
  fromMs = 0,
  toMs = Number.POSITIVE_INFINITY,
): ProfileSummary {
  mapToSources(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromMs * 1000 || at > toMs * 1000) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let busy = 0;
  const byArea = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") continue;
    busy += us;
    const area = areaOf(node);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules|packages)\//, "")}:${lineNumber + 1}`;
    selfByFn.set(fn, (selfByFn.get(fn) ?? 0) + us);
  }
  // Inclusive time per hot function name, counted once per stack even under recursion.
  const inclusive = new Map<string, number>();
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  for (const [id, us] of self) {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      if (tracked(url, functionName)) names.add(functionName);
    }
    for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const share = (us: number) => Math.round((us / busy) * 1000) / 10;
  const sorted = (m: Map<string, number>) =>
    Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, share(v)]));
  return {
    busyMs: Math.round(busy / 1000),
    requests,
    busyMicrosPerRequest: Math.round(busy / Math.max(1, requests)),
    byArea: sorted(byArea),
    hotPath: Object.fromEntries(Object.entries(sorted(inclusive)).slice(0, 25)),
    topSelf: [...selfByFn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([fn, us]) => ({ fn, pct: share(us) })),
  };
}

/** Restarts the server under --cpu-prof, loads it with `recipe`, and summarises the profile. */
export async function profileServer(
  mode: ServerMode,
  seeded: Seeded,
  settings: LoadSettings,
  recipe: () => autocannon.Request,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "nudge-bench-prof-"));
  try {
    const profiling = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
    const server = await startNudge(mode, seeded.serverEnv, profiling);
    let requests = 0;
    let from = 0;
    let to = 0;
    try {
      const m = await measure(server.url, settings, recipe, {
        start: () => {
          from = Date.now() - server.spawnedAt;
        },
        end: () => {
          to = Date.now() - server.spawnedAt;
        },
      });
      requests = m.ok;
    } finally {
      await server.stop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("the server wrote no CPU profile");
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    // Only the measured window: not startup, not the warm-up.
    return summarise(profile, requests, from, to);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printProfile(title: string, p: ProfileSummary): void {
  console.log(
    `\n${title}: CPU profile of the server under load: main thread busy ${p.busyMs} ms for ${p.requests} requests ≈ ${p.busyMicrosPerRequest} µs per request`,
  );
  console.log("  self time by area:");
  for (const [k, v] of Object.entries(p.byArea)) console.log(`    ${String(v).padStart(5)}%  ${k}`);
  console.log("  inclusive time of our functions:");
  for (const [k, v] of Object.entries(p.hotPath))
    console.log(`    ${String(v).padStart(5)}%  ${k}`);
  console.log("  top self-time functions:");
  for (const { fn, pct } of p.topSelf.slice(0, 15))
    console.log(`    ${String(pct).padStart(5)}%  ${fn}`);
}
