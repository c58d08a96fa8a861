import { KeyboardCode, type KeyboardCoordinateGetter } from "@dnd-kit/core";

/**
 * Arrow Up/Down moves a step one position. dnd-kit's stock getter aligns top edges, which fails
 * when the dragged card is much taller than its neighbours (an expanded step): the card stays
 * closest to its own slot and never moves. Centring it on the neighbouring slot makes
 * `closestCenter` pick that slot every time, whatever the heights.
 */
export const stepKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const up = event.code === KeyboardCode.Up;
  if (!up && event.code !== KeyboardCode.Down) return undefined;
  event.preventDefault();
  const { active, collisionRect, droppableRects, droppableContainers, over } = context;
  if (!active || !collisionRect) return undefined;
  const slots = droppableContainers
    .getEnabled()
    .map((c) => ({ id: c.id, rect: droppableRects.get(c.id) }))
    .filter((s): s is { id: typeof s.id; rect: NonNullable<typeof s.rect> } => Boolean(s.rect))
    .sort((a, b) => a.rect.top - b.rect.top);
  const current = slots.findIndex((s) => s.id === (over?.id ?? active.id));
  const target = slots[current + (up ? -1 : 1)];
  if (current < 0 || !target) return undefined;
  return {
    x: collisionRect.left,
    y: target.rect.top + target.rect.height / 2 - collisionRect.height / 2,
  };
};
