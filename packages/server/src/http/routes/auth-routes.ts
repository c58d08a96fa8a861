import { loginSchema, meSchema } from "@nudge/schema";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Services } from "../../compose.js";
import { AppError } from "../../domain/app-error.js";
import { requirePrincipal, sessionCookie } from "../auth.js";
import { clearSessionCookie, setSessionCookie } from "../session-cookie.js";

export function authRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/v1/auth/login",
      {
        schema: {
          tags: ["auth"],
          summary: "Log in to the dashboard; sets an HttpOnly session cookie",
          body: loginSchema,
          response: { 200: meSchema },
        },
      },
      async (request, reply) => {
        const { token, accountId } = await services.sessions.login(
          request.body.email,
          request.body.password,
        );
        setSessionCookie(request, reply, token);
        return describeAccount(services, accountId);
      },
    );

    app.post(
      "/api/v1/auth/logout",
      { schema: { tags: ["auth"], summary: "End the dashboard session" } },
      async (request, reply) => {
        const token = request.cookies[sessionCookie];
        if (token) await services.sessions.logout(token);
        clearSessionCookie(request, reply);
        return reply.code(204).send();
      },
    );

    app.get(
      "/api/v1/me",
      {
        schema: {
          tags: ["auth"],
          summary: "The logged-in account and its organizations",
          response: { 200: meSchema },
        },
      },
      async (request) => {
        const principal = await requirePrincipal(services, request);
        if (principal.kind !== "session") {
          throw new AppError("forbidden", "/me describes a dashboard session, not an API key");
        }
        return describeAccount(services, principal.accountId);
      },
    );
  };
}

async function describeAccount(
  services: Services,
  accountId: string,
): Promise<z.infer<typeof meSchema>> {
  const account = await services.stores.tenancy.findAccount(accountId);
  if (!account) throw new AppError("unauthorized", "This account no longer exists");
  const memberships = await services.stores.tenancy.memberships(accountId);
  return {
    account: { id: account.id, email: account.email },
    organizations: memberships.map((m) => ({
      id: m.organizationId,
      name: m.organizationName,
      role: m.role,
    })),
  };
}
