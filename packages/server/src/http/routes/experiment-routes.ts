import {
  applyWinnerSchema,
  createVariantSchema,
  experimentPatchSchema,
  experimentResultsSchema,
  experimentSchema,
  messageSchema,
} from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { messageParams, productParams } from "./params.js";

const experimentParams = productParams.extend({ id: z.string().min(1).max(100) });

export function experimentRoutes(services: Services): FastifyPluginAsyncZod {
  const { experiments } = services;
  return async (app) => {
    authenticateFirst(app, services);

    app.post(
      "/api/v1/products/:productId/messages/:id/variants",
      {
        schema: {
          tags: ["experiments"],
          summary:
            "Create variant: clone the message into a new A/B arm (the first creates the experiment)",
          params: messageParams,
          body: createVariantSchema,
          response: {
            201: z.object({
              experiment: experimentSchema,
              control: messageSchema,
              treatment: messageSchema,
            }),
          },
        },
      },
      async (request, reply) => {
        const { productId, id } = request.params;
        const access = await requireProductAccess(services, request, productId, "write");
        const stores = services.stores.forProduct(productId);
        const limits = {
          ...services.config.defaultPlanLimits,
          ...(await services.stores.tenancy.planLimits(access.organizationId)),
        };
        const created = await experiments.createVariant(stores, limits, id, request.body ?? {});
        return reply.code(201).send(created);
      },
    );

    app.get(
      "/api/v1/products/:productId/experiments/:id",
      {
        schema: {
          tags: ["experiments"],
          summary: "An experiment: arms, weights, goal, status",
          params: experimentParams,
          response: { 200: experimentSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return experiments.get(services.stores.forProduct(productId).experiments, id);
      },
    );

    app.patch(
      "/api/v1/products/:productId/experiments/:id",
      {
        schema: {
          tags: ["experiments"],
          summary: "Change weights (before anyone is exposed), goal or guardrail; send `version`",
          params: experimentParams,
          body: experimentPatchSchema,
          response: { 200: experimentSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        return experiments.update(
          services.stores.forProduct(productId).experiments,
          id,
          request.body,
        );
      },
    );

    app.get(
      "/api/v1/products/:productId/experiments/:id/results",
      {
        schema: {
          tags: ["experiments"],
          summary:
            "Per-arm exposures and conversions, Bayesian posteriors, SRM check and a verdict",
          params: experimentParams,
          response: { 200: experimentResultsSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return experiments.results(services.stores.forProduct(productId).experiments, id);
      },
    );

    app.post(
      "/api/v1/products/:productId/experiments/:id/apply-winner",
      {
        schema: {
          tags: ["experiments"],
          summary: "Give the winner 100%: only it renders; other arms are paused but kept",
          params: experimentParams,
          body: applyWinnerSchema,
          response: { 200: experimentSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        const access = await requireProductAccess(services, request, productId, "write");
        const store = services.stores.forProduct(productId).experiments;
        return experiments.applyWinner(store, id, request.body.variantKey, access.actor);
      },
    );
  };
}
