import { identitySecretSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../compose.js";
import { AppError } from "../../domain/app-error.js";
import { authenticateFirst, requireProductAccess } from "../auth.js";
import { productParams } from "./params.js";

const path = "/api/v1/products/:productId/identity-secret";

/**
 * The identity-verification secret (see docs/identity-verification.md). Reading it is not a
 * write, but it lets its holder act as any user of the product, so viewers may not.
 */
export function identityRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      path,
      {
        schema: {
          tags: ["products"],
          summary: "The identity-verification secret (owners, editors and secret keys)",
          description:
            "Your backend computes `userHash = HMAC-SHA256(secret, distinctId)` as hex; with `identityVerification` on, client routes require it. Made on first read.",
          params: productParams,
          response: { 200: identitySecretSchema },
        },
      },
      async (request, reply) => {
        const { productId } = request.params;
        const access = await requireProductAccess(services, request, productId, "read");
        if (access.role === "viewer") {
          throw new AppError("forbidden", "Only owners and editors may see the identity secret");
        }
        const store = services.stores.forProduct(productId).identitySecret;
        const secret = await services.identitySecrets.reveal(store);
        return reply.header("cache-control", "no-store").send(secret);
      },
    );

    app.post(
      `${path}/rotate`,
      {
        schema: {
          tags: ["products"],
          summary:
            "Replace the identity-verification secret; hashes made with the old one stop working",
          params: productParams,
          response: { 200: identitySecretSchema },
        },
      },
      async (request, reply) => {
        const { productId } = request.params;
        await requireProductAccess(services, request, productId, "write");
        const store = services.stores.forProduct(productId).identitySecret;
        const secret = await services.identitySecrets.rotate(store, productId);
        return reply.header("cache-control", "no-store").send(secret);
      },
    );
  };
}
