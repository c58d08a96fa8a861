import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Services } from "../compose.js";
import { serializeRequest } from "./log-serializers.js";
import { handleError, handleFrameworkError, problemOf, sendProblem } from "./problem.js";
import { registerRateLimits } from "./rate-limits.js";
import { authRoutes } from "./routes/auth-routes.js";
import { clientRoutes } from "./routes/client-routes.js";
import { dashboardRoutes } from "./routes/dashboard-routes.js";
import { experimentRoutes } from "./routes/experiment-routes.js";
import { healthRoutes } from "./routes/health-routes.js";
import { identityRoutes } from "./routes/identity-routes.js";
import { insightRoutes } from "./routes/insight-routes.js";
import { keyRoutes } from "./routes/key-routes.js";
import { memberRoutes } from "./routes/member-routes.js";
import { messageRoutes } from "./routes/message-routes.js";
import { peopleRoutes } from "./routes/people-routes.js";
import { productRoutes } from "./routes/product-routes.js";
import { renderRoutes } from "./routes/render-routes.js";
import { scoreRoutes } from "./routes/score-routes.js";
import { sdkRoutes } from "./routes/sdk-routes.js";
import { segmentRoutes } from "./routes/segment-routes.js";
import { setupRoutes } from "./routes/setup-routes.js";
import { translationRoutes } from "./routes/translation-routes.js";

export interface AppOptions {
  /** `stream` lets tests read what would be logged. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

/** Builds the HTTP app over already-composed services; tests call it with app.inject(). */
export async function createApp(
  services: Services,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          ...(options.logger === true ? {} : options.logger),
          serializers: { req: serializeRequest },
        }
      : false,
    trustProxy: services.config.trustProxy,
    // Admin bodies (a message with rich content, 10,000 scores) fit in 1 MiB; client routes
    // set their own, smaller limits (README "Limits").
    bodyLimit: 1024 * 1024,
    // Slow-loris defences: a request must arrive whole within 30 s, a socket silent for 60 s
    // is closed, and an idle keep-alive connection lives 72 s: longer than the 60 s idle
    // timeout of common load balancers, which must close first or they may reuse a dead socket.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Broken percent-encoding and over-long path parameters: problem+json too.
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  // Headers trickled in one byte at a time are cut off well before the whole request's limit.
  app.server.headersTimeout = 10_000;

  // Admin routes take JSON only; the client routes register their own text/plain parser (for
  // preflight-free SDK calls) inside their plugin, so everywhere else text/plain answers 415.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problemOf(
        "not_found",
        `No route for ${request.method} ${request.url.split("?")[0]}`,
        request.url,
      ),
    ),
  );

  await app.register(fastifyCookie);
  await registerRateLimits(app, services);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Nudge API",
        version: "1.0.0",
        description:
          "Self-hostable in-app messaging. Admin routes take a secret key (`sk_…`) or a dashboard session; client routes take a publishable key (`pk_…`). Errors are RFC 9457 problem details.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
          session: { type: "apiKey", in: "cookie", name: "nudge_session" },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  for (const routes of [
    healthRoutes,
    setupRoutes,
    authRoutes,
    memberRoutes,
    productRoutes,
    keyRoutes,
    identityRoutes,
    messageRoutes,
    translationRoutes,
    segmentRoutes,
    scoreRoutes,
    insightRoutes,
    peopleRoutes,
    experimentRoutes,
    clientRoutes,
    renderRoutes,
    sdkRoutes,
    dashboardRoutes,
  ]) {
    await app.register(routes(services));
  }
  return app;
}
