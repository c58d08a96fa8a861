import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";

const unitMs = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `"600/1m"` → 600 requests per minute; `"off"` → no limit (e.g. a CDN or proxy limits instead). */
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx): RateLimit | null => {
      if (value === "off") return null;
      const match = /^(\d+)\/(\d+)([smh])$/.exec(value.replace(/\s+/g, ""));
      const max = Number(match?.[1]);
      const span = Number(match?.[2]);
      if (!match || max < 1 || span < 1) {
        ctx.addIssue({
          code: "custom",
          message: 'must be "<requests>/<window>" such as "600/1m" (s, m or h), or "off"',
        });
        return z.NEVER;
      }
      return { max, windowMs: span * unitMs[match[3] as keyof typeof unitMs] };
    });

/** An IPv4/IPv6 address, optionally with a CIDR prefix length that fits its family. */
function isAddressOrCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `"true"` trusts every X-Forwarded-For hop, so a client can choose its own address by sending
 * the header itself (fine only when the proxy overwrites it). A comma-separated list of proxy
 * addresses or CIDRs ("10.0.0.0/8,127.0.0.1") trusts only those hops: the client address is then
 * the right-most one no listed proxy added, which per-IP rate limits can rely on.
 */
const trustProxy = () =>
  z
    .string()
    .default("false")
    .transform((value, ctx): boolean | string[] => {
      const v = value.trim();
      if (v === "true" || v === "1") return true;
      if (v === "false" || v === "0" || v === "") return false;
      const list = v.split(",").map((part) => part.trim());
      const bad = list.filter((part) => !isAddressOrCidr(part));
      if (bad.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `must be true, false or a comma-separated list of proxy addresses/CIDRs; not an address: ${bad.join(", ")}`,
        });
        return z.NEVER;
      }
      return list;
    });

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
  // 0 keeps everything: the default cap is "ever", which pruning would quietly shorten (ADR 6).
  NUDGE_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  NUDGE_MAX_MESSAGES_PER_PRODUCT: z.coerce.number().int().min(1).optional(),
  NUDGE_TRUST_PROXY: trustProxy(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  NUDGE_REDIS_PREFIX: z.string().max(100).default("nudge:"),
  // Defaults: generous enough that no real browser, office NAT or dashboard user meets them, low
  // enough that one runaway client cannot take a node's capacity (about 1,000 req/s).
  NUDGE_RATE_LIMIT_CLIENT_PER_KEY: rateLimit("60000/1m"),
  NUDGE_RATE_LIMIT_CLIENT_PER_IP: rateLimit("1200/1m"),
  NUDGE_RATE_LIMIT_ADMIN_PER_CREDENTIAL: rateLimit("1200/1m"),
  NUDGE_RATE_LIMIT_ADMIN_PER_IP: rateLimit("2400/1m"),
  NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: rateLimit("10/15m"),
  NUDGE_RATE_LIMIT_LOGIN_PER_IP: rateLimit("100/15m"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Unset: a secret is generated on first start and kept in the database, shared by every node.
  NUDGE_RENDER_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type StorageConfig =
  | { kind: "sqlite"; filename: string; synchronous: "full" | "normal" }
  | { kind: "postgres"; connectionString: string; poolSize: number; schema?: string };

/** At most `max` requests per `windowMs`, counted in fixed windows. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Each limit may be null (off). A request must pass every limit that applies to its route. */
export interface RateLimits {
  /** Client routes, per publishable (or secret) key: one product's whole traffic. */
  clientPerKey: RateLimit | null;
  clientPerIp: RateLimit | null;
  /** Admin routes, per session or secret key. */
  adminPerCredential: RateLimit | null;
  adminPerIp: RateLimit | null;
  /** Login and setup, per IP and email together: the brute-force throttle. */
  loginPerEmail: RateLimit | null;
  /** Login and setup, per IP over all emails: one address trying many accounts. */
  loginPerIp: RateLimit | null;
}

export interface Config {
  port: number;
  host: string;
  storage: StorageConfig;
  /** Limits for organizations that have none of their own; absent = unlimited. */
  defaultPlanLimits: { maxMessagesPerProduct?: number };
  /** `true` trusts every hop; a list trusts only those proxy addresses/CIDRs (see trustProxy()). */
  trustProxy: boolean | string[];
  /** Set: rate-limit counters live in Redis, shared by every node; unset: in this process. */
  redisUrl?: string;
  /** Prefixes every Redis key, so several deployments (or test files) can share one Redis. */
  redisPrefix: string;
  rateLimits: RateLimits;
  /** Interactions and events older than this many days are deleted; 0 keeps them forever. */
  retentionDays: number;
  logLevel: string;
  /** Signs render tokens (HS256); absent = the secret generated once and stored in the database. */
  renderSecret?: string;
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
    ...(e.REDIS_URL === undefined ? {} : { redisUrl: e.REDIS_URL }),
    redisPrefix: e.NUDGE_REDIS_PREFIX,
    rateLimits: {
      clientPerKey: e.NUDGE_RATE_LIMIT_CLIENT_PER_KEY,
      clientPerIp: e.NUDGE_RATE_LIMIT_CLIENT_PER_IP,
      adminPerCredential: e.NUDGE_RATE_LIMIT_ADMIN_PER_CREDENTIAL,
      adminPerIp: e.NUDGE_RATE_LIMIT_ADMIN_PER_IP,
      loginPerEmail: e.NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL,
      loginPerIp: e.NUDGE_RATE_LIMIT_LOGIN_PER_IP,
    },
    retentionDays: e.NUDGE_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    ...(e.NUDGE_RENDER_SECRET === undefined ? {} : { renderSecret: e.NUDGE_RENDER_SECRET }),
  };
}

/**
 * Where the command was typed, for resolving the CLI's file arguments: `npm run backup -- x.db`
 * runs in the server package's folder (so the data directory matches `npm start`'s), and npm
 * records the caller's folder in INIT_CWD.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}
