import { closeSync, fsyncSync, openSync } from "node:fs";
import { open } from "node:fs/promises";

/** Flushes a file's contents to disk, so a rename that follows publishes complete bytes. */
export function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** syncFile on libuv's thread pool, for callers that must not block the event loop. */
export async function syncFileAsync(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a directory, so a rename inside it survives a power failure. Best effort: some
 * platforms (Windows) cannot open a directory for syncing, and there renames are journaled.
 */
export function syncDir(path: string): void {
  try {
    syncFile(path);
  } catch {
    // See above: nothing more we can do there.
  }
}
