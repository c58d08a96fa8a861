import { compose, databaseName } from "./compose.js";
import { loadConfig } from "./config.js";
import { createApp } from "./http/app.js";
import { describeSettings } from "./storage/durability-check.js";

/** loadConfig → compose → createApp → listen, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const services = await compose(config);
  const app = await createApp(services, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Nudge is running on http://localhost:${config.port} (database: ${databaseName(config)})`,
  );
  const { settings, findings } = services.durability;
  app.log.info(`storage durability: ${describeSettings(settings)}`);
  for (const f of findings) {
    app.log[f.level === "note" ? "info" : "warn"](`storage durability: ${f.message}`);
  }
  app.log.info(
    config.retentionDays > 0
      ? `retention: interactions and events older than ${config.retentionDays} days are deleted hourly`
      : "retention: off, interactions and events are kept forever (NUDGE_RETENTION_DAYS=0)",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received: draining requests`);
    // close() stops accepting, lets in-flight requests finish, then we close the database.
    await app.close();
    await services.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
