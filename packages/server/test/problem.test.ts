import { createServer, type Server } from "node:net";
import Fastify from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  handleError,
  handleFrameworkError,
  isDatabaseUnavailable,
  unavailableRetryAfterSeconds,
} from "../src/http/problem.js";

/** A TCP server that accepts and hangs up at once: a database that went away mid-handshake. */
let hangUp: Server;
let hangUpPort = 0;
/** A port nothing listens on. */
let closedPort = 0;

beforeAll(async () => {
  hangUp = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => hangUp.listen(0, "127.0.0.1", resolve));
  hangUpPort = (hangUp.address() as { port: number }).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => hangUp.close(resolve)));

/** The error node-postgres really throws when it cannot reach the server at `port`. */
async function pgErrorFrom(port: number): Promise<unknown> {
  const pool = new pg.Pool({
    connectionString: `postgres://nobody@127.0.0.1:${port}/nothing`,
    connectionTimeoutMillis: 2000,
  });
  pool.on("error", () => {});
  try {
    await pool.query("select 1");
    throw new Error("expected the query to fail");
  } catch (error) {
    return error;
  } finally {
    await pool.end().catch(() => {});
  }
}

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises the errors node-postgres throws when the server is down or hangs up", async () => {
    const refused = await pgErrorFrom(closedPort);
    expect(refused).toMatchObject({ code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const hungUp = await pgErrorFrom(hangUpPort);
    expect(String((hungUp as Error).message)).toMatch(/Connection terminated/);
    expect(isDatabaseUnavailable(hungUp)).toBe(true);
  });

  it.each([
    ["admin_shutdown", withCode("57P01", "terminating connection due to administrator command")],
    ["crash_shutdown", withCode("57P02")],
    ["cannot_connect_now", withCode("57P03", "the database system is starting up")],
    ["too_many_connections", withCode("53300")],
    ["connection_failure", withCode("08006")],
    ["sqlclient_unable_to_establish_sqlconnection", withCode("08001")],
    ["a reset socket", withCode("ECONNRESET", "read ECONNRESET")],
    ["pg-pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "a broken lent client",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["SQLite busy", withCode("SQLITE_BUSY", "database is locked")],
    ["a wrapped cause", new Error("transaction failed", { cause: withCode("57P01") })],
  ])("%s → unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["a unique violation", withCode("23505", "duplicate key value violates unique constraint")],
    ["a missing table", withCode("42P01", 'relation "nope" does not exist')],
    ["a SQLite constraint", withCode("SQLITE_CONSTRAINT_PRIMARYKEY")],
    ["a statement timeout", withCode("57014", "canceling statement due to statement timeout")],
    ["a code merely starting with 08", withCode("08")],
    ["not an error", "ECONNREFUSED"],
    ["null", null],
  ])("%s → not unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("handleError", () => {
  const app = Fastify({
    frameworkErrors: handleFrameworkError,
    routerOptions: { maxParamLength: 20 },
  });
  app.setErrorHandler(handleError);
  app.get("/items/:id", async () => ({ ok: true }));
  app.get("/nul", async () => {
    throw withCode("22021", 'invalid byte sequence for encoding "UTF8": 0x00');
  });
  app.get("/down", async () => {
    throw await pgErrorFrom(closedPort);
  });
  app.get("/bug", async () => {
    throw new TypeError("secret internals at /srv/app.js:12");
  });
  afterAll(() => app.close());

  it("answers 503 problem+json with Retry-After when the database cannot be reached", async () => {
    const res = await app.inject({ url: "/down" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.headers["retry-after"]).toBe(String(unavailableRetryAfterSeconds));
    expect(res.json()).toMatchObject({ status: 503, code: "unavailable", instance: "/down" });
    expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nobody/);
  });

  it("answers a NUL that PostgreSQL refuses to store 400, not 500", async () => {
    const res = await app.inject({ url: "/nul" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: "bad_request" });
    expect(res.json().detail).toContain("NUL");
  });

  it.each([
    ["broken percent-encoding", "/items/%ZZ"],
    ["a lone %", "/items/%"],
    ["an over-long path parameter", `/items/${"x".repeat(21)}`],
  ])("answers %s with 400 problem+json, as every other refusal", async (_label, url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 400, code: "bad_request" });
    expect(typeof res.json().errorId).toBe("string");
  });

  it("still answers any other failure 500 without internals", async () => {
    const res = await app.inject({ url: "/bug" });
    expect(res.statusCode).toBe(500);
    expect(res.headers["retry-after"]).toBeUndefined();
    expect(res.json()).toMatchObject({ status: 500, code: "internal" });
    expect(res.body).not.toContain("secret internals");
  });
});
