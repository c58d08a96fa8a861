import { closeSync, fsyncSync, openSync } from "node:fs";

/** Flushes a file's contents to disk, so a rename that follows publishes complete bytes. */
export function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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
