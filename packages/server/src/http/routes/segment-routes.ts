import type { Filter } from "@nudge/rules";
import { boundedFilterSchema, segmentInputSchema, segmentSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { productParams } from "./params.js";

const segmentParams = productParams.extend({ id: z.string().min(1).max(100) });

export function segmentRoutes(services: Services): FastifyPluginAsyncZod {
  const { segments } = services;
  const storeOf = (productId: string) => services.stores.forProduct(productId).segments;
  const base = "/api/v1/products/:productId/segments";
  return async (app) => {
    authenticateFirst(app, services);

    app.get(
      base,
      {
        schema: {
          tags: ["audiences"],
          summary: "Saved segments (reusable trait filters)",
          params: productParams,
          response: { 200: z.object({ items: z.array(segmentSchema) }) },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return { items: await segments.list(storeOf(productId)) };
      },
    );

    app.post(
      base,
      {
        schema: {
          tags: ["audiences"],
          summary: "Create a segment",
          params: productParams,
          body: segmentInputSchema,
          response: { 201: segmentSchema },
        },
      },
      async (request, reply) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        return reply
          .code(201)
          .send(await segments.create(productId, storeOf(productId), request.body));
      },
    );

    app.post(
      `${base}/count`,
      {
        schema: {
          tags: ["audiences"],
          summary: "How many users a filter matches now (for the segment builder)",
          params: productParams,
          body: z.strictObject({ filter: boundedFilterSchema }),
          response: { 200: z.object({ matched: z.number().int(), total: z.number().int() }) },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return segments.count(storeOf(productId), request.body.filter as Filter);
      },
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags: ["audiences"],
          summary: "Read a segment",
          params: segmentParams,
          response: { 200: segmentSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return segments.get(storeOf(productId), id);
      },
    );

    app.put(
      `${base}/:id`,
      {
        schema: {
          tags: ["audiences"],
          summary: "Replace a segment; messages targeting it follow at once",
          params: segmentParams,
          body: segmentInputSchema,
          response: { 200: segmentSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        return segments.update(productId, storeOf(productId), id, request.body);
      },
    );

    app.delete(
      `${base}/:id`,
      {
        schema: {
          tags: ["audiences"],
          summary: "Delete a segment no message targets (409 otherwise)",
          params: segmentParams,
        },
      },
      async (request, reply) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        await segments.delete(productId, storeOf(productId), id);
        return reply.code(204).send();
      },
    );
  };
}
