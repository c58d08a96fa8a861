import type { Announcements } from "@dnd-kit/core";

/** Screen-reader announcements that speak in step numbers, not internal keys. */
export function stepAnnouncements(keys: readonly string[]): Announcements {
  const n = (id: string | number) => keys.indexOf(String(id)) + 1;
  return {
    onDragStart: ({ active }) =>
      `Picked up step ${n(active.id)}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Step ${n(active.id)} is over position ${n(over.id)}.`
        : `Step ${n(active.id)} is no longer over a position.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Step ${n(active.id)} dropped at position ${n(over.id)}.`
        : `Step ${n(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving step ${n(active.id)} cancelled.`,
  };
}
