import type { KeyType } from "@nudge/schema";
import { newId, secretToken } from "../ids.js";
import type { NewKey } from "./ports.js";
import { hashToken } from "./secrets.js";

const keyPrefix: Record<KeyType, string> = { publishable: "pk", secret: "sk" };

/** Mints a key: the plain value goes to the caller once, only its hash is stored. */
export function mintKey(type: KeyType, name: string): { key: string; record: NewKey } {
  const key = secretToken(keyPrefix[type]);
  return {
    key,
    record: {
      id: newId("key"),
      type,
      name,
      prefix: `${key.slice(0, 10)}…`,
      keyHash: hashToken(key),
    },
  };
}

/** `pk_…` / `sk_…`; anything else is not worth a database lookup. */
export function looksLikeKey(value: string): boolean {
  return /^(pk|sk)_[A-Za-z0-9_-]{20,100}$/.test(value);
}
