import type { SqliteFileReport } from "../storage/sqlite-inspect.js";

/** Where the CLI writes: process.stdout/stderr in the bin, arrays in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const count = (n: number) => n.toLocaleString("en-US");

export const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** The lines every backup and restore prints: size, check, rows and schema of one file. */
export function describeFile(report: SqliteFileReport): string[] {
  const rows = Object.entries(report.rows).map(([table, n]) => `${table} ${count(n)}`);
  return [
    `  size:      ${megabytes(report.bytes)} (${count(report.bytes)} bytes)`,
    `  integrity: ${report.integrity}`,
    `  rows:      ${rows.join(", ")}`,
    `  schema:    ${report.migrations.at(-1) ?? "none"}`,
  ];
}
