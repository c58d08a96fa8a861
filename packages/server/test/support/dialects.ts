import { inject } from "vitest";

export type DialectName = "sqlite" | "postgres";

/** The engines every storage and API suite runs on: `describe.each(dialects)`. */
export const dialects: DialectName[] = inject("postgresUrl") ? ["sqlite", "postgres"] : ["sqlite"];

export function postgresUrl(): string {
  return inject("postgresUrl");
}
