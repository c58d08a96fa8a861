import { memberCreateSchema, memberPatchSchema, memberSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { authenticateFirst, requirePrincipal } from "../auth.js";

const orgParams = z.object({ organizationId: z.string().min(1).max(100) });
const memberParams = orgParams.extend({ accountId: z.string().min(1).max(100) });

export function memberRoutes(services: Services): FastifyPluginAsyncZod {
  const base = "/api/v1/organizations/:organizationId/members";
  return async (app) => {
    authenticateFirst(app, services);
    app.get(
      base,
      {
        schema: {
          tags: ["team"],
          summary: "Team members and their roles",
          params: orgParams,
          response: { 200: z.object({ items: z.array(memberSchema) }) },
        },
      },
      async (request) => {
        const principal = await requirePrincipal(services, request);
        return { items: await services.members.list(principal, request.params.organizationId) };
      },
    );

    app.post(
      base,
      {
        schema: {
          tags: ["team"],
          summary: "Add a member (owners); a new email gets an account with this initial password",
          params: orgParams,
          body: memberCreateSchema,
          response: { 201: memberSchema },
        },
      },
      async (request, reply) => {
        const principal = await requirePrincipal(services, request);
        const member = await services.members.add(
          principal,
          request.params.organizationId,
          request.body,
        );
        return reply.code(201).send(member);
      },
    );

    app.patch(
      `${base}/:accountId`,
      {
        schema: {
          tags: ["team"],
          summary: "Change a member's role (owners)",
          params: memberParams,
          body: memberPatchSchema,
        },
      },
      async (request, reply) => {
        const principal = await requirePrincipal(services, request);
        const { organizationId, accountId } = request.params;
        await services.members.setRole(principal, organizationId, accountId, request.body.role);
        return reply.code(204).send();
      },
    );

    app.delete(
      `${base}/:accountId`,
      { schema: { tags: ["team"], summary: "Remove a member (owners)", params: memberParams } },
      async (request, reply) => {
        const principal = await requirePrincipal(services, request);
        const { organizationId, accountId } = request.params;
        await services.members.remove(principal, organizationId, accountId);
        return reply.code(204).send();
      },
    );
  };
}
