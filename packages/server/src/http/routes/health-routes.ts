import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { AppError } from "../../domain/app-error.js";

export function healthRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          tags: ["ops"],
          summary: "200 when the server can reach its database, 503 when it cannot",
          response: { 200: z.object({ status: z.literal("ok") }) },
        },
      },
      async (_request, reply) => {
        try {
          await withTimeout(services.ping(), 2000);
        } catch {
          throw new AppError("unavailable", "The database cannot be reached");
        }
        return reply.header("cache-control", "no-store").send({ status: "ok" as const });
      },
    );
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
