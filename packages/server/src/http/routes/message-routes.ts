import {
  messageCreateSchema,
  messageListQuerySchema,
  messageListSchema,
  messagePatchSchema,
  messageReplaceSchema,
  messageSchema,
} from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { messageParams, productParams } from "./params.js";

export function messageRoutes(services: Services): FastifyPluginAsyncZod {
  const { messages } = services;
  const storeOf = (productId: string) => services.stores.forProduct(productId).messages;

  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      "/api/v1/products/:productId/messages",
      {
        schema: {
          tags: ["messages"],
          summary: "List messages, newest first (`?status=`, `?limit=`, `?cursor=`)",
          params: productParams,
          querystring: messageListQuerySchema,
          response: { 200: messageListSchema },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return messages.list(storeOf(productId), request.query);
      },
    );

    app.post(
      "/api/v1/products/:productId/messages",
      {
        schema: {
          tags: ["messages"],
          summary: "Create a message",
          params: productParams,
          body: messageCreateSchema,
          response: { 201: messageSchema },
        },
      },
      async (request, reply) => {
        const { productId } = request.params;
        const access = await requireProductAccess(services, request, productId, "write");
        const limits = {
          ...services.config.defaultPlanLimits,
          ...(await services.stores.tenancy.planLimits(access.organizationId)),
        };
        const created = await messages.create(storeOf(productId), limits, request.body);
        return reply.code(201).send(created);
      },
    );

    app.get(
      "/api/v1/products/:productId/messages/:id",
      {
        schema: {
          tags: ["messages"],
          summary: "Read a message",
          params: messageParams,
          response: { 200: messageSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        return messages.get(storeOf(productId), id);
      },
    );

    app.put(
      "/api/v1/products/:productId/messages/:id",
      {
        schema: {
          tags: ["messages"],
          summary: "Replace a message; send the `version` you read (stale → 409)",
          params: messageParams,
          body: messageReplaceSchema,
          response: { 200: messageSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        return messages.replace(storeOf(productId), id, request.body);
      },
    );

    app.patch(
      "/api/v1/products/:productId/messages/:id",
      {
        schema: {
          tags: ["messages"],
          summary: "Change some fields of a message; send the `version` you read (stale → 409)",
          params: messageParams,
          body: messagePatchSchema,
          response: { 200: messageSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        return messages.patch(storeOf(productId), id, request.body);
      },
    );

    app.delete(
      "/api/v1/products/:productId/messages/:id",
      {
        schema: { tags: ["messages"], summary: "Delete a message", params: messageParams },
      },
      async (request, reply) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const stores = services.stores.forProduct(productId);
        await services.experiments.assertDeletable(
          stores.experiments,
          await messages.get(stores.messages, id),
        );
        await messages.delete(stores.messages, id);
        return reply.code(204).send();
      },
    );
  };
}
