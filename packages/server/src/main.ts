import { compose } from "./compose.js";
import { loadConfig } from "./config.js";
import { createApp } from "./http/app.js";

/** loadConfig → compose → createApp → listen, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const services = await compose(config);
  const app = await createApp(services, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  const where = config.storage.kind === "sqlite" ? config.storage.filename : "PostgreSQL";
  app.log.info(`Nudge is running on http://localhost:${config.port} (database: ${where})`);

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
