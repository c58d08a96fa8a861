import {
  churnScore,
  distinctIdOf,
  rng,
  type Scale,
  userTraits,
} from "../../../bench/data-shape.js";
import { messageDefs, segmentDefs } from "../../../bench/message-catalog.js";
import { setupTenant } from "../../support/nudge-server.js";

/** The soak's tenant: the bench's data shapes, seeded through the public API. */
export interface SoakTenant {
  productId: string;
  publishableKey: string;
  secretKey: string;
  messageIds: string[];
  segmentIds: string[];
  users: number;
}

export async function api(
  url: string,
  secretKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secretKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * A product like the bench's, smaller: `messages` active messages (audiences of every kind,
 * caps, schedules, triggers), 20 segments, `users` users with traits (half with churn scores).
 */
export async function seedSoakTenant(
  url: string,
  options: { messages: number; users: number },
): Promise<SoakTenant> {
  const tenant = await setupTenant(url);
  const call = (method: string, path: string, body?: unknown) =>
    api(url, tenant.secretKey, method, path, body);
  const product = `/api/v1/products/${tenant.productId}`;
  const must = async (
    what: string,
    p: Promise<{ status: number; json: Record<string, unknown> }>,
  ) => {
    const res = await p;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };
  await must(
    "settings",
    call("PATCH", product, { autoRender: true, attentionBudget: { maxPerDay: 5, maxPerWeek: 20 } }),
  );

  const now = Date.now();
  const scale: Scale = {
    factor: options.users / 1_000_000,
    messages: options.messages,
    segments: 20,
    users: options.users,
    interactions: 0,
  };
  const segments = segmentDefs(scale.segments, now);
  const segmentIds = new Map<string, string>();
  for (const s of segments) {
    const created = await must(
      "segment",
      call("POST", `${product}/segments`, { name: s.name, filter: s.filter }),
    );
    segmentIds.set(s.id, created.id as string);
  }
  const messageIds: string[] = [];
  for (const { fields } of messageDefs(scale, segments, now)) {
    const audience =
      fields.audience?.type === "segment"
        ? { ...fields.audience, segmentId: segmentIds.get(fields.audience.segmentId)! }
        : fields.audience;
    const created = await must(
      "message",
      call("POST", `${product}/messages`, { ...fields, audience }),
    );
    messageIds.push(created.id as string);
  }

  const rand = rng(99);
  const scores: { distinctId: string; churnProb: number }[] = [];
  const identify = async (i: number) => {
    const distinctId = distinctIdOf(i);
    const res = await fetch(`${url}/api/v1/identify?api_key=${tenant.publishableKey}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ distinctId, traits: userTraits(rand, now) }),
    });
    if (res.status !== 204) throw new Error(`identify: ${res.status} ${await res.text()}`);
    const score = churnScore(rand);
    if (score !== null) scores.push({ distinctId, churnProb: score });
  };
  for (let i = 0; i < options.users; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, options.users - i) }, (_, k) => identify(i + k)),
    );
  }
  for (let i = 0; i < scores.length; i += 10_000) {
    await must(
      "scores",
      call("POST", `${product}/scores`, { scores: scores.slice(i, i + 10_000) }),
    );
  }
  return { ...tenant, messageIds, segmentIds: [...segmentIds.values()], users: options.users };
}

/**
 * Months of history before the soak: events (a tenth of them message impressions, which the
 * hot path reads) posted in full batches until `done()` says the database is big enough. A
 * server that has run a while has a database larger than SQLite's page cache (128 MiB), so the
 * soak measures a steady state rather than that cache filling up from an empty file.
 */
export async function fillHistory(
  url: string,
  t: SoakTenant,
  done: (batches: number) => boolean,
): Promise<number> {
  const padding = "x".repeat(700);
  const now = Date.now();
  let batches = 0;
  const post = async () => {
    const n = batches++;
    const batch = Array.from({ length: 500 }, (_, i) => {
      const distinctId = distinctIdOf((n * 500 + i) % t.users);
      const ts = now - Math.floor(Math.random() * 60 * 24 * 3600 * 1000);
      const uuid = `history-${n}-${i}`;
      return i % 10 === 0
        ? {
            uuid,
            event: "message_impression",
            distinctId,
            timestamp: ts,
            properties: { messageId: t.messageIds[(n + i) % t.messageIds.length], step: 0 },
          }
        : {
            uuid,
            event: "$pageview",
            distinctId,
            timestamp: ts,
            properties: { path: `/app/${i}`, padding },
          };
    });
    const res = await fetch(`${url}/api/v1/events?api_key=${t.publishableKey}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ batch }),
    });
    if (res.status !== 202) throw new Error(`history: ${res.status} ${await res.text()}`);
  };
  while (!done(batches)) await Promise.all([post(), post(), post(), post()]);
  return batches;
}
