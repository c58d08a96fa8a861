/**
 * The fixed `/messages/active`-shaped body of `bytes` bytes that both Fastify reference servers
 * answer, so their rows differ only by what each runs before answering.
 */
export function fixedAnswer(bytes: number): string {
  const head = '{"autoRender":true,"refreshAfterSeconds":300,"milestones":[],"messages":[{"body":"';
  const tail = '"}]}';
  const size = Math.max(64, bytes);
  return head + "x".repeat(Math.max(0, size - head.length - tail.length)) + tail;
}
