import { bulkScoresSchema, distinctIdSchema, scoreSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { productParams } from "./params.js";

const userParams = productParams.extend({ distinctId: distinctIdSchema });
const upserted = z.object({ upserted: z.number().int() });

export function scoreRoutes(services: Services): FastifyPluginAsyncZod {
  const storeOf = (productId: string) => services.stores.forProduct(productId).scores;
  return async (app) => {
    authenticateFirst(app, services);

    app.put(
      "/api/v1/products/:productId/users/:distinctId/scores",
      {
        schema: {
          tags: ["audiences"],
          summary: "Set one user's churn probability (0–1)",
          params: userParams,
          body: scoreSchema,
          response: { 200: upserted },
        },
      },
      async (request) => {
        const { productId, distinctId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const scores = [{ distinctId, churnProb: request.body.churnProb }];
        return { upserted: await services.scores.upsert(productId, storeOf(productId), scores) };
      },
    );

    app.post(
      "/api/v1/products/:productId/scores",
      {
        schema: {
          tags: ["audiences"],
          summary: "Set many users' churn probabilities at once (up to 10,000 per request)",
          params: productParams,
          body: bulkScoresSchema,
          response: { 200: upserted },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const count = await services.scores.upsert(
          productId,
          storeOf(productId),
          request.body.scores,
        );
        return { upserted: count };
      },
    );
  };
}
