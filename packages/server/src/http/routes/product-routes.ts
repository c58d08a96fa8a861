import { productCreateSchema, productPatchSchema, productSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requirePrincipal, requireProductAccess } from "../auth.js";
import { productParams } from "./params.js";

export function productRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      "/api/v1/products",
      {
        schema: {
          tags: ["products"],
          summary: "The products the caller can see",
          response: { 200: z.object({ items: z.array(productSchema) }) },
        },
      },
      async (request) => {
        const principal = await requirePrincipal(services, request);
        return { items: await services.products.list(principal) };
      },
    );

    app.post(
      "/api/v1/products",
      {
        schema: {
          tags: ["products"],
          summary: "Create a product (organization owners)",
          body: productCreateSchema,
          response: { 201: productSchema },
        },
      },
      async (request, reply) => {
        const principal = await requirePrincipal(services, request);
        const { name, organizationId } = request.body;
        const product = await services.products.create(principal, name, organizationId);
        return reply.code(201).send(product);
      },
    );

    app.get(
      "/api/v1/products/:productId",
      {
        schema: {
          tags: ["products"],
          summary: "Product settings",
          params: productParams,
          response: { 200: productSchema },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return services.products.get(services.stores.forProduct(productId).product);
      },
    );

    app.patch(
      "/api/v1/products/:productId",
      {
        schema: {
          tags: ["products"],
          summary: "Change product settings: autoRender, attentionBudget, identityVerification",
          params: productParams,
          body: productPatchSchema,
          response: { 200: productSchema },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const store = services.stores.forProduct(productId).product;
        return services.products.update(store, request.body);
      },
    );
  };
}
