import { setupResultSchema, setupSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { runSetup } from "../../domain/tenancy/setup-service.js";
import { setSessionCookie } from "../session-cookie.js";

export function setupRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/v1/setup",
      {
        schema: {
          tags: ["tenancy"],
          summary: "Whether first-run setup is still possible (no account exists yet)",
          response: { 200: z.object({ needed: z.boolean() }) },
        },
      },
      async (_request, reply) => {
        const needed = (await services.stores.tenancy.countAccounts()) === 0;
        return reply.header("cache-control", "no-store").send({ needed });
      },
    );

    app.post(
      "/api/v1/setup",
      {
        schema: {
          tags: ["tenancy"],
          summary: "First run: create the first account, organization, product and keys",
          description: "Works only while no account exists; afterwards answers 409.",
          body: setupSchema,
          response: { 201: setupResultSchema },
        },
      },
      async (request, reply) => {
        const result = await runSetup(services.stores.tenancy, services.clock, request.body);
        // The person who just set Nudge up is logged in, so the dashboard can go straight on.
        setSessionCookie(request, reply, await services.sessions.start(result.accountId));
        const { accountId: _, ...body } = result;
        return reply.code(201).send(body);
      },
    );
  };
}
