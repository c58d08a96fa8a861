import Fastify from "fastify";
import { compose } from "../packages/server/src/compose.js";
import { loadConfig } from "../packages/server/src/config.js";
import { fixedAnswer } from "./fixed-answer.js";

/**
 * A third reference: Fastify answering `/api/v1/messages/active` with the same fixed body as
 * ceiling-server.ts, after running Nudge's own two per-user reads (profile and interaction
 * history, through the server's DeliveryService) for the requested user on the seeded database.
 * No key lookup, rules or answer assembly run, so its req/s is what the framework, the answer's
 * size and the reads alone allow: the most /messages/active could reach if everything else were
 * free.
 */
const body = fixedAnswer(Number(process.env.CEILING_BYTES ?? 300));
const productId = process.env.CEILING_PRODUCT_ID;
if (!productId) throw new Error("CEILING_PRODUCT_ID is required");

const services = await compose(loadConfig(process.env));
const app = Fastify({ logger: false });
app.get("/healthz", async () => "ok");
app.get<{ Querystring: { distinct_id?: string } }>(
  "/api/v1/messages/active",
  async (request, reply) => {
    await services.delivery.snapshot(productId, request.query.distinct_id ?? "");
    return reply.header("cache-control", "private, no-store").type("application/json").send(body);
  },
);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });
