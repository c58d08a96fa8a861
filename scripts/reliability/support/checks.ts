/** A named pass/fail line of a reliability script; the script exits 1 if any fails. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export class Checks {
  readonly list: Check[] = [];

  expect(name: string, ok: boolean, detail: string | number): void {
    this.list.push({ name, ok, detail: String(detail) });
  }

  get failed(): Check[] {
    return this.list.filter((c) => !c.ok);
  }

  print(title: string): void {
    console.log(`\n${title}`);
    for (const c of this.list) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `condition()` holds, polling every 100 ms; false if `timeoutMs` passed first. */
export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}
