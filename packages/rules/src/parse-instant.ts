// Date, optional time with optional seconds and fraction, optional offset. Only ISO-8601 /
// RFC 3339 shapes are accepted: Date.parse also accepts engine-specific formats ("March 7, 2026")
// that another SDK language could not reproduce, so anything else is unparseable.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch milliseconds of an ISO-8601 string or of an epoch-ms number; null when it is neither.
 *
 * A date-time without an offset is read as UTC (JS `Date` would use the machine's local zone,
 * which would make the browser and the server disagree); a date alone is UTC midnight. Fractions
 * of a millisecond are truncated, like `Date.parse`. Calendar fields are range-checked
 * (2026-02-30 is invalid, not March 2nd).
 */
export function parseInstant(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  // Schedules are evaluated for every message on every request with the same few strings:
  // remember recent answers (bounded, so hostile input cannot grow it without limit).
  const known = memo.get(value);
  if (known !== undefined) return known;
  const parsed = parseIso(value);
  if (memo.size >= 4096) memo.clear();
  memo.set(value, parsed);
  return parsed;
}

const memo = new Map<string, number | null>();

function parseIso(value: string): number | null {
  const m = ISO_8601.exec(value);
  if (m === null) return null;
  const num = (i: number): number => Number(m[i] ?? "0");
  const [year, month, day, hour, minute, second] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number(`${m[7] ?? ""}000`.slice(0, 3));
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = num(10);
    const om = num(11);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}
