#!/usr/bin/env node
import { runCli } from "./cli/run-cli.js";

/** `nudge backup <file>` and `nudge restore <file>`; see `nudge help`. */
runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
