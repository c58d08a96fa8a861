import { renderQuerySchema } from "@nudge/schema";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { AppError } from "../../domain/app-error.js";
import { pageSecurityPolicy } from "../../domain/render/render-page.js";
import type { PageRequest } from "../../domain/render/render-service.js";
import type { RenderGrant } from "../../domain/render/render-tokens.js";
import type { KeyRecord } from "../../domain/tenancy/ports.js";
import { presentedKey, requirePrincipal } from "../auth.js";
import { verifyIdentities } from "../client-auth.js";

const params = z.object({ id: z.string().min(1).max(100) });

type Access = { kind: "token"; grant: RenderGrant } | { kind: "key"; key: KeyRecord };

/** A token in `?token=` wins; else a key (header, or a publishable one in `?api_key=`). */
async function authorize(services: Services, request: FastifyRequest): Promise<Access> {
  const { token } = request.query as { token?: unknown };
  const { id } = request.params as { id?: unknown };
  if (typeof token === "string" && token.length > 0) {
    const messageId = typeof id === "string" ? id : "";
    return { kind: "token", grant: await services.render.tokens.verify(token, messageId) };
  }
  if (presentedKey(request, true) === undefined) {
    throw new AppError("unauthorized", "API key or render token required");
  }
  const principal = await requirePrincipal(services, request, true);
  if (principal.kind !== "key")
    throw new AppError("unauthorized", "API key or render token required");
  return { kind: "key", key: principal.key };
}

/**
 * `GET /api/v1/messages/:id/render` (SPEC §5): the message as a complete HTML page for WebViews.
 * Registered apart from the other client routes because a token alone authorizes it, and a
 * WebView loads it as a page, so it needs no CORS.
 */
export function renderRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    const access = new WeakMap<FastifyRequest, Access>();
    // Before validation, like every authenticated route: 401 first, 400 only for the authorized.
    app.addHook("preValidation", async (request) => {
      access.set(request, await authorize(services, request));
    });

    app.get(
      "/api/v1/messages/:id/render",
      {
        schema: {
          tags: ["client"],
          summary: "The message as a sanitized HTML page (a render token or a key)",
          description:
            "Answers `text/html`: a complete document with no script, for WebViews. A page authorized by `?token=` is cacheable by anyone for 300 s (the token names the message and user); one authorized by a key is `private`.",
          params,
          querystring: renderQuerySchema,
        },
      },
      async (request, reply) => {
        const caller = access.get(request)!;
        const { query } = request;
        const acceptLanguage = request.headers["accept-language"];
        let productId: string;
        let page: PageRequest;
        // Set only on success: a 404 must never be cached as if it were the page.
        let cache: Record<string, string>;
        if (caller.kind === "token") {
          const { grant } = caller;
          productId = grant.productId;
          page = {
            anyStatus: grant.preview,
            distinctId: grant.distinctId,
            requested: [query.locale, grant.locale],
            acceptLanguage,
          };
          cache = { "cache-control": "public, max-age=300", vary: "Accept-Language" };
        } else {
          const { key } = caller;
          productId = key.productId;
          const distinctId = query.distinct_id ?? query.user_id;
          if (distinctId !== undefined) {
            await verifyIdentities(services, key, [
              { distinctId, userHash: query.user_hash, path: "querystring.user_hash" },
            ]);
          }
          page = {
            anyStatus: key.type === "secret",
            distinctId,
            requested: [query.locale],
            acceptLanguage,
          };
          // Bound to the caller's key: no shared cache may hand it to anyone else.
          cache = {
            "cache-control": "private, max-age=300",
            vary: "Authorization, X-API-Key, Accept-Language",
          };
        }
        const stores = services.stores.forProduct(productId);
        const html = await services.render.page(stores, request.params.id, page);
        return reply
          .headers(cache)
          .header("content-security-policy", pageSecurityPolicy)
          .header("x-content-type-options", "nosniff")
          .header("referrer-policy", "no-referrer")
          .type("text/html; charset=utf-8")
          .send(html);
      },
    );
  };
}
