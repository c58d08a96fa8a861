import { distinctIdSchema, traitKeysSchema, userTraitsSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { productParams } from "./params.js";

/** Enough people to find every trait a product sets, few enough to read in one short query. */
const traitSample = 1000;
const userParams = productParams.extend({ distinctId: distinctIdSchema });

/** What authors need to personalize content: the trait keys in use and a sample person's traits. */
export function peopleRoutes(services: Services): FastifyPluginAsyncZod {
  const storeOf = (productId: string) => services.stores.forProduct(productId).people;
  return async (app) => {
    authenticateFirst(app, services);

    app.get(
      "/api/v1/products/:productId/trait-keys",
      {
        schema: {
          tags: ["audiences"],
          summary: "Trait keys people of this product carry (placeholder suggestions)",
          description: `Read from the ${traitSample} most recently updated people, most common first.`,
          params: productParams,
          response: { 200: traitKeysSchema },
        },
      },
      async (request) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const { keys, sampled } = await storeOf(productId).traitKeys(traitSample);
        const items = [...keys]
          .map(([key, users]) => ({ key, users }))
          .sort((a, b) => b.users - a.users || a.key.localeCompare(b.key));
        return { items, sampled };
      },
    );

    app.get(
      "/api/v1/products/:productId/users/:distinctId",
      {
        schema: {
          tags: ["audiences"],
          summary: "One person's stored traits (previews with a sample user)",
          params: userParams,
          response: { 200: userTraitsSchema },
        },
      },
      async (request) => {
        const { productId, distinctId } = request.params;
        await requireProductAccess(services, request, productId, "read");
        const user = await storeOf(productId).traits(distinctId);
        return user ? { ...user, known: true } : { distinctId, known: false, traits: {} };
      },
    );
  };
}
