import { translationsExportSchema, translationsImportSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../compose.js";
import { translationsOf, withTranslations } from "../../domain/messages/translations.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { messageParams } from "./params.js";

const path = "/api/v1/products/:productId/messages/:id/translations";

/** A message's translations as one JSON file, out to translators and back (SPEC §8, issue 7). */
export function translationRoutes(services: Services): FastifyPluginAsyncZod {
  const { messages } = services;
  const storeOf = (productId: string) => services.stores.forProduct(productId).messages;

  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      path,
      {
        schema: {
          tags: ["messages"],
          summary: "Export a message's texts and translations as JSON, for translators",
          params: messageParams,
          response: { 200: translationsExportSchema },
        },
      },
      async (request, reply) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const message = await messages.get(storeOf(productId), id);
        return reply
          .header("content-disposition", `attachment; filename="${id}.translations.json"`)
          .send(translationsOf(message));
      },
    );

    app.put(
      path,
      {
        schema: {
          tags: ["messages"],
          summary: "Import translations: each locale given replaces that locale, null removes it",
          description:
            "Send the exported file back, edited. `version` must be the message's current version (stale → 409), and `steps` must have one entry per step.",
          params: messageParams,
          body: translationsImportSchema,
          response: { 200: translationsExportSchema },
        },
      },
      async (request) => {
        const { productId, id } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const store = storeOf(productId);
        const current = await messages.get(store, id);
        const steps = withTranslations(current, request.body);
        const saved = await messages.patch(store, id, { version: request.body.version, steps });
        return translationsOf(saved);
      },
    );
  };
}
