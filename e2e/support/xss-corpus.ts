import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import {
  pathsOf,
  replaceUrl,
  urlField,
  xssMessage,
} from "../../packages/content/test/support/xss-message.js";

/** The XSS corpus every renderer is tested with (packages/content/test/xss-corpus.json). */
export const xssPayloads: string[] = JSON.parse(
  readFileSync(new URL("../../packages/content/test/xss-corpus.json", import.meta.url), "utf8"),
).payloads;

/** A JSON POST to the server with a key. */
export function postJson(baseUrl: string, path: string, body: unknown, key: string) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/**
 * Saves one message carrying `batch` (the payloads from index `first`) in every field; URL
 * fields the API refuses are replaced, never texts: any other refused field fails the test.
 */
export async function saveXssMessage(
  baseUrl: string,
  tenant: { productId: string; secretKey: string },
  batch: string[],
  first: number,
): Promise<string> {
  const body = xssMessage(batch, first);
  for (const p of batch) expect(pathsOf(body, p).length).toBeGreaterThan(0);
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await postJson(
      baseUrl,
      `/api/v1/products/${tenant.productId}/messages`,
      body,
      tenant.secretKey,
    );
    const answer = (await res.json()) as { id?: string; errors?: { path: string }[] };
    if (res.status === 201) return answer.id!;
    expect(res.status, JSON.stringify(answer)).toBe(400);
    const paths = [...new Set((answer.errors ?? []).map((e) => e.path))];
    expect(
      paths.filter((path) => !urlField.test(path)),
      `payloads from ${first}`,
    ).toEqual([]);
    for (const path of paths) replaceUrl(body, path);
  }
  throw new Error(`could not save the payloads from ${first}`);
}
