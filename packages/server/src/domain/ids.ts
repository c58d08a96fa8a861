import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnpqrstvwxyz";

function randomChars(count: number): string {
  const bytes = randomBytes(count);
  let out = "";
  // 256 % 54 bias is irrelevant for identifiers; secrets use `secretToken` below.
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/**
 * A prefixed id whose first characters encode the creation time, so ids sort roughly by age
 * (cursor pagination and index locality), e.g. `msg_0J8Z3K6Wq7mRzT4v9cXa2b`.
 */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, "0")}${randomChars(14)}`;
}

/** 32 bytes from the CSPRNG, base64url: for API keys and session tokens. */
export function secretToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}
