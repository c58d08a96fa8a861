import { deleteMessage } from "../../api/use-messages";

/**
 * Deletes waiting out their undo window. Module state, not component state: a delete must still
 * be sent if the user navigates elsewhere in the app, and is flushed with `keepalive` when the
 * page goes away, so closing the tab never loses (or resurrects) a delete.
 */
interface Pending {
  productId: string;
  id: string;
  onSettled: (error: unknown) => void;
}

const pending = new Map<string, Pending>();
// Sent and acknowledged: stays hidden even before the list refetches.
const deleted = new Set<string>();
const sending = new Set<string>();
const listeners = new Set<() => void>();
let snapshot: ReadonlySet<string> = new Set();

function changed() {
  snapshot = new Set([...pending.keys(), ...deleted]);
  for (const listener of listeners) listener();
}

export function subscribePendingDeletes(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ids hidden from lists because their delete is pending. */
export const pendingDeleteIds = (): ReadonlySet<string> => snapshot;

export function queueDelete(entry: Pending): void {
  pending.set(entry.id, entry);
  changed();
}

/** Undo: nothing was sent, so nothing needs restoring on the server. */
export function cancelDelete(id: string): boolean {
  if (sending.has(id)) return false;
  const had = pending.delete(id);
  if (had) changed();
  return had;
}

/** Sends the DELETE now (the toast expired or was closed). No-op if undone or already sent. */
export function commitDelete(id: string, keepalive = false): void {
  const entry = pending.get(id);
  if (!entry || sending.has(id)) return;
  sending.add(id);
  deleteMessage(entry.productId, entry.id, keepalive).then(
    () => {
      pending.delete(id);
      sending.delete(id);
      deleted.add(id);
      changed();
      entry.onSettled(null);
    },
    (error: unknown) => {
      pending.delete(id);
      sending.delete(id);
      changed();
      entry.onSettled(error);
    },
  );
}

function flushAll() {
  for (const id of [...pending.keys()]) if (!sending.has(id)) commitDelete(id, true);
}

if (typeof window !== "undefined") window.addEventListener("pagehide", flushAll);
