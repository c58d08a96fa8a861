import Fastify from "fastify";
import { fixedAnswer } from "./fixed-answer.js";

/**
 * A second reference beside bare node:http: Fastify (the framework Nudge runs on) answering
 * `/api/v1/messages/active` with a fixed JSON body as large as the mean real answer
 * (CEILING_BYTES). Nothing of Nudge runs, so its req/s is what the framework and the answer's
 * size alone allow on this machine: a ceiling /messages/active can approach but not pass.
 */
const body = fixedAnswer(Number(process.env.CEILING_BYTES ?? 300));

const app = Fastify({ logger: false });
app.get("/healthz", async () => "ok");
app.get("/api/v1/messages/active", async (_request, reply) =>
  reply.header("cache-control", "private, no-store").type("application/json").send(body),
);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });
