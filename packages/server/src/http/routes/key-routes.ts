import { apiKeyCreatedSchema, apiKeyCreateSchema, apiKeySchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { keyParams, productParams } from "./params.js";

export function keyRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      "/api/v1/products/:productId/keys",
      {
        schema: {
          tags: ["keys"],
          summary: "List API keys (prefixes only; the whole key is shown once, at creation)",
          params: productParams,
          response: { 200: z.object({ items: z.array(apiKeySchema) }) },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return { items: await services.stores.forProduct(productId).product.listKeys() };
      },
    );

    app.post(
      "/api/v1/products/:productId/keys",
      {
        schema: {
          tags: ["keys"],
          summary: "Create an API key; the response holds the only copy of `key`",
          params: productParams,
          body: apiKeyCreateSchema,
          response: { 201: apiKeyCreatedSchema },
        },
      },
      async (request, reply) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const store = services.stores.forProduct(productId).product;
        const created = await services.products.createKey(
          store,
          request.body.type,
          request.body.name,
        );
        return reply.code(201).header("cache-control", "no-store").send(created);
      },
    );

    app.delete(
      "/api/v1/products/:productId/keys/:keyId",
      {
        schema: {
          tags: ["keys"],
          summary: "Revoke an API key; it stops working at once",
          params: keyParams,
        },
      },
      async (request, reply) => {
        const { productId, keyId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        await services.products.revokeKey(services.stores.forProduct(productId).product, keyId);
        return reply.code(204).send();
      },
    );
  };
}
