import { resolve } from "node:path";
import { z } from "zod";

/**
 * The only module that reads process.env. Every variable is documented in the README's
 * Configuration section; every default lets a first run need no configuration at all.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  NUDGE_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  NUDGE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NUDGE_SQLITE_SYNCHRONOUS: z.enum(["full", "normal"]).default("full"),
  NUDGE_MAX_MESSAGES_PER_PRODUCT: z.coerce.number().int().min(1).optional(),
  NUDGE_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type StorageConfig =
  | { kind: "sqlite"; filename: string; synchronous: "full" | "normal" }
  | { kind: "postgres"; connectionString: string; poolSize: number; schema?: string };

export interface Config {
  port: number;
  host: string;
  storage: StorageConfig;
  /** Limits for organizations that have none of their own; absent = unlimited. */
  defaultPlanLimits: { maxMessagesPerProduct?: number };
  trustProxy: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const storage: StorageConfig = e.DATABASE_URL
    ? { kind: "postgres", connectionString: e.DATABASE_URL, poolSize: e.NUDGE_DB_POOL_SIZE }
    : {
        kind: "sqlite",
        filename: resolve(e.NUDGE_DATA_DIR, "nudge.db"),
        synchronous: e.NUDGE_SQLITE_SYNCHRONOUS,
      };
  return {
    port: e.PORT,
    host: e.HOST,
    storage,
    defaultPlanLimits:
      e.NUDGE_MAX_MESSAGES_PER_PRODUCT === undefined
        ? {}
        : { maxMessagesPerProduct: e.NUDGE_MAX_MESSAGES_PER_PRODUCT },
    trustProxy: e.NUDGE_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}
