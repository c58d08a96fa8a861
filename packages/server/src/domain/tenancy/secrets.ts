import { createHash } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/**
 * API keys and session tokens carry 256 bits of entropy, so a fast hash is enough to make a
 * leaked table useless (as GitHub and Stripe do); passwords need a slow, memory-hard one.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Argon2id with the library's defaults (19 MiB, t=2: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so both paths take the same time.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash("decoy-password-for-timing");
  return decoyHash;
}
