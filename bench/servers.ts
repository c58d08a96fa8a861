import {
  type NodeProcess,
  type ServerMode,
  spawnNode,
  startNudge as startServer,
} from "../scripts/support/nudge-server.js";

export { buildBundle, type ServerMode } from "../scripts/support/nudge-server.js";
export type Child = NodeProcess;

/** A bare node:http server: how much of a latency is the machine's rather than Nudge's. */
export const startBare = () =>
  spawnNode(["--import", "tsx", "bench/bare-server.ts"], {}, { echo: "head" });

/** Fastify answering a fixed body of `bytes` (the mean /active answer): the framework's ceiling. */
export const startCeiling = (bytes: number) =>
  spawnNode(
    ["--import", "tsx", "bench/ceiling-server.ts"],
    { CEILING_BYTES: String(bytes) },
    {
      echo: "head",
    },
  );

/**
 * Fastify running Nudge's two per-user reads on the seeded database, then answering the same
 * fixed body: the ceiling with the reads but without keys, rules or answer assembly.
 */
export const startReadsCeiling = (bytes: number, env: Record<string, string>, productId: string) =>
  spawnNode(
    ["--import", "tsx", "bench/reads-ceiling-server.ts"],
    { ...env, CEILING_BYTES: String(bytes), CEILING_PRODUCT_ID: productId },
    { echo: "head" },
  );

/** The server under measurement, its first log lines echoed (errors under load flood). */
export const startNudge = (
  mode: ServerMode,
  env: Record<string, string>,
  nodeArgs: string[] = [],
) => startServer(mode, env, { nodeArgs, echo: "head" });
