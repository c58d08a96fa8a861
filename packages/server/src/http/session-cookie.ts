import type { FastifyReply, FastifyRequest } from "fastify";
import { sessionLifetimeMs } from "../domain/tenancy/session-service.js";
import { sessionCookie } from "./auth.js";

/** HttpOnly so scripts cannot read it, SameSite=Lax against CSRF, Secure whenever served over https. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(sessionCookie, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(sessionCookie, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}
