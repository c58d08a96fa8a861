// Small helpers that turn values into the fragments of the human sentences shown in the
// dashboard's rule trace. None of them may throw: they format garbage too.

const MAX_DATE_MS = 8.64e15;

/** ISO-8601 UTC, or the raw number when it is outside the range `Date` can represent. */
export function formatInstant(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS
    ? new Date(ms).toISOString()
    : String(ms);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

const UNITS: readonly [string, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** "2 days 3 hours", "45 minutes", "less than a second": the two largest units, rounded down. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "an unknown time";
  const rest = Math.abs(ms);
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, size] = UNITS[i]!;
    const n = Math.floor(rest / size);
    if (n === 0) continue;
    const next = UNITS[i + 1];
    const m = next === undefined ? 0 : Math.floor((rest - n * size) / next[1]);
    return next !== undefined && m > 0
      ? `${plural(n, unit)} ${plural(m, next[0])}`
      : plural(n, unit);
  }
  return "less than a second";
}

/** "3 hours ago" / "in 3 hours" relative to now. */
export function formatAgo(then: number, now: number): string {
  const d = now - then;
  return d >= 0 ? `${formatDuration(d)} ago` : `in ${formatDuration(d)}`;
}

/** A short, safe rendering of any value for an "invalid data" reason. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "");
  } catch {
    text = "";
  }
  if (text === "") text = typeof value === "object" ? "an object" : `a ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The message of anything thrown, without trusting it to be an Error. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    return describeValue(error);
  } catch {
    return "unexpected error";
  }
}
