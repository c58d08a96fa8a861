import { distinctIdSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { runDiagnosis } from "../../domain/delivery/diagnose.js";
import { messageStats, productStats } from "../../domain/stats/stats-service.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { messageParams, productParams } from "./params.js";

const statsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });
const diagnoseQuery = z.strictObject({
  distinct_id: distinctIdSchema,
  path: z.string().max(2048).optional(),
  event: z.string().max(200).optional(),
});
const dayMs = 86_400_000;

/** Read-only views over what happened: stats, event names, and "Why isn't it showing?". */
export function insightRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    authenticateFirst(app, services);

    app.get(
      "/api/v1/products/:productId/messages/:id/stats",
      {
        schema: {
          tags: ["stats"],
          summary: "Impressions, dismiss / CTA / complete counts and rates, per day and per step",
          params: messageParams,
          querystring: statsQuery,
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const stores = services.stores.forProduct(productId);
        await services.messages.get(stores.messages, id);
        const since = services.clock.now() - request.query.days * dayMs;
        return messageStats(stores.stats, id, since);
      },
    );

    app.get(
      "/api/v1/products/:productId/stats",
      {
        schema: {
          tags: ["stats"],
          summary: "Product totals (total / active / impressions) and per-message counts",
          params: productParams,
          querystring: statsQuery,
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const stores = services.stores.forProduct(productId);
        const since = services.clock.now() - request.query.days * dayMs;
        return productStats(stores.stats, await stores.messages.countByStatus(), since);
      },
    );

    app.get(
      "/api/v1/products/:productId/event-names",
      {
        schema: {
          tags: ["stats"],
          summary: "Event names this product has received, most recent first (trigger suggestions)",
          params: productParams,
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const names = await services.stores.forProduct(productId).stats.eventNames(200);
        return {
          items: names.map((n) => ({ name: n.name, lastSeen: new Date(n.lastSeen).toISOString() })),
        };
      },
    );

    app.get(
      "/api/v1/products/:productId/messages/:id/diagnose",
      {
        schema: {
          tags: ["stats"],
          summary: "Why isn't it showing? Each rule for this user, path and event, pass or fail",
          params: messageParams,
          querystring: diagnoseQuery,
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const stores = services.stores.forProduct(productId);
        const message = await services.messages.get(stores.messages, id);
        const { distinct_id, path, event } = request.query;
        return runDiagnosis(
          services.delivery,
          stores.delivery,
          message,
          { distinctId: distinct_id, path, event },
          services.clock.now(),
        );
      },
    );
  };
}
