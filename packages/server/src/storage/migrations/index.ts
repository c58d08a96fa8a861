import type { Migration, MigrationProvider } from "kysely";
import * as m001 from "./001-tenancy-and-messages.js";
import * as m002 from "./002-delivery.js";
import * as m003 from "./003-experiments.js";
import * as m004 from "./004-identity-secrets.js";
import * as m005 from "./005-retention-indexes.js";
import * as m006 from "./006-server-secrets.js";
import * as m007 from "./007-users-updated-index.js";
import * as m008 from "./008-users-merged-index.js";
import * as m009 from "./009-events-log-indexes.js";

/** Migrations live in code (not read from disk) so the same list runs on both dialects and in bundles. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      "001-tenancy-and-messages": m001,
      "002-delivery": m002,
      "003-experiments": m003,
      "004-identity-secrets": m004,
      "005-retention-indexes": m005,
      "006-server-secrets": m006,
      "007-users-updated-index": m007,
      "008-users-merged-index": m008,
      "009-events-log-indexes": m009,
    };
  },
};
