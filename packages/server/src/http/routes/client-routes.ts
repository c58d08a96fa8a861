import fastifyCors, { type FastifyCorsOptions } from "@fastify/cors";
import {
  activeQuerySchema,
  eventBatchSchema,
  identifySchema,
  ingestLimits,
  ingestResultSchema,
  renderTokenRequestSchema,
  renderTokenSchema,
  trackSchema,
} from "@nudge/schema";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { AppError } from "../../domain/app-error.js";
import { authenticateFirst } from "../auth.js";
import { requireClientKey, verifyIdentities } from "../client-auth.js";

const messageIdParams = z.object({ id: z.string().min(1).max(100) });
/** track and identify carry one user's fields; traits are small (README "Limits"). */
const singleUserBodyLimit = 64 * 1024;

const clientPath =
  /^\/api\/v1\/(messages\/active|events|identify|messages\/[^/]+\/(track|render|render-token))\/?$/;
export const isClientPath = (path: string) => clientPath.test(path);

const clientCors: FastifyCorsOptions = {
  origin: "*",
  methods: ["GET", "POST"],
  allowedHeaders: ["authorization", "x-api-key", "content-type"],
  // Lets the SDK read Retry-After on a cross-origin 429 and back off as asked.
  exposedHeaders: ["retry-after"],
  maxAge: 86_400,
};

/**
 * The routes a browser calls with a publishable key. CORS is open to any origin here, and only
 * here; bodies may be sent as text/plain JSON so the SDK needs no preflight (and sendBeacon works).
 */
export function clientRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    authenticateFirst(app, services, { allowQueryKey: true });
    // @fastify/cors answers preflights through a catch-all OPTIONS route, which is not scoped to
    // this plugin's paths; the delegator keeps admin routes free of CORS headers.
    await app.register(fastifyCors, () => async (request: FastifyRequest) => {
      const path = request.url.split("?")[0] ?? "";
      return isClientPath(path) ? clientCors : { origin: false };
    });
    app.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError("bad_request", "The body is not valid JSON"), undefined);
      }
    });

    app.get(
      "/api/v1/messages/active",
      {
        schema: {
          tags: ["client"],
          summary: "The messages this user may see now, highest priority first",
          querystring: activeQuerySchema,
        },
      },
      async (request, reply) => {
        const key = await requireClientKey(services, request);
        const distinctId = (request.query.distinct_id ?? request.query.user_id) as string;
        const userHash = request.query.user_hash;
        await verifyIdentities(services, key, [
          { distinctId, userHash, path: "querystring.user_hash" },
        ]);
        const body = await services.delivery.activeJson(
          key.productId,
          distinctId,
          request.query.trigger,
        );
        // Per-user answer: shared caches must never hand it to someone else.
        return reply
          .header("cache-control", "private, no-store")
          .type("application/json")
          .send(body);
      },
    );

    app.post(
      "/api/v1/messages/:id/track",
      {
        bodyLimit: singleUserBodyLimit,
        schema: {
          tags: ["client"],
          summary: "Record an impression, dismiss, CTA click or completion",
          params: messageIdParams,
          body: trackSchema,
          response: { 202: ingestResultSchema },
        },
      },
      async (request, reply) => {
        const key = await requireClientKey(services, request);
        const { distinctId, userHash } = request.body;
        await verifyIdentities(services, key, [{ distinctId, userHash, path: "userHash" }]);
        const store = services.stores.forProduct(key.productId).ingest;
        return reply
          .code(202)
          .send(await services.ingest.track(store, request.params.id, request.body));
      },
    );

    app.post(
      "/api/v1/events",
      {
        bodyLimit: ingestLimits.maxBytes,
        schema: {
          tags: ["client"],
          summary: `Batch ingest (at most ${ingestLimits.maxEvents} events and ${ingestLimits.maxBytes / 1024} KiB); idempotent by uuid`,
          body: eventBatchSchema,
          response: { 202: ingestResultSchema },
        },
        preValidation: async (request) => {
          const batch = (request.body as { batch?: unknown } | undefined)?.batch;
          if (Array.isArray(batch) && batch.length > ingestLimits.maxEvents) {
            throw new AppError(
              "payload_too_large",
              `A batch holds at most ${ingestLimits.maxEvents} events; this one has ${batch.length}`,
            );
          }
        },
      },
      async (request, reply) => {
        const key = await requireClientKey(services, request);
        const { batch } = request.body;
        // Every item is checked: a batch may hold events of two users (before and after login).
        await verifyIdentities(
          services,
          key,
          batch.map((e, i) => ({
            distinctId: e.distinctId,
            userHash: e.userHash,
            path: `batch.${i}.userHash`,
          })),
        );
        const store = services.stores.forProduct(key.productId).ingest;
        return reply.code(202).send(await services.ingest.events(store, batch));
      },
    );

    app.post(
      "/api/v1/messages/:id/render-token",
      {
        bodyLimit: singleUserBodyLimit,
        schema: {
          tags: ["client"],
          summary: "A render token (5 minutes) for GET /api/v1/messages/:id/render",
          description:
            "Bound to this message and product, and to `distinctId` when given (its traits fill the message's placeholders; with identity verification on, send its `userHash`). A publishable key gets tokens for active messages; a secret key for any (previews).",
          params: messageIdParams,
          body: renderTokenRequestSchema.nullish(),
          response: { 200: renderTokenSchema },
        },
      },
      async (request, reply) => {
        const key = await requireClientKey(services, request);
        const { distinctId, userHash, locale } = request.body ?? {};
        if (distinctId !== undefined) {
          await verifyIdentities(services, key, [{ distinctId, userHash, path: "userHash" }]);
        }
        const { id } = request.params;
        const { token, expiresIn } = await services.render.mint(
          services.stores.forProduct(key.productId).messages,
          { messageId: id, distinctId, locale, preview: key.type === "secret" },
        );
        const url = `/api/v1/messages/${encodeURIComponent(id)}/render?token=${token}`;
        return reply.header("cache-control", "no-store").send({ token, expiresIn, url });
      },
    );

    app.post(
      "/api/v1/identify",
      {
        bodyLimit: singleUserBodyLimit,
        schema: {
          tags: ["client"],
          summary: "Store traits for a user; link an anonymous id to them",
          body: identifySchema,
        },
      },
      async (request, reply) => {
        const key = await requireClientKey(services, request);
        const { distinctId, userHash } = request.body;
        await verifyIdentities(services, key, [{ distinctId, userHash, path: "userHash" }]);
        await services.ingest.identify(
          services.stores.forProduct(key.productId).ingest,
          request.body,
        );
        return reply.code(204).send();
      },
    );
  };
}
