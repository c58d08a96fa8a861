import { createServer } from "node:http";

/**
 * The baseline: a bare node:http server answering every request with a fixed 300-byte JSON
 * body shaped like a small /messages/active answer. Spawned as a child process, like Nudge.
 */
const head =
  '{"autoRender":true,"refreshAfterSeconds":300,"milestones":[],"messages":[{"id":"msg_0bare","name":"Baseline","body":"';
const tail = '"}]}';
const body = Buffer.from(head + "x".repeat(300 - head.length - tail.length) + tail);

createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  response.end(body);
}).listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
