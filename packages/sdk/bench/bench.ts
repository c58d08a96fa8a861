/**
 * Browser benchmark of the SDK (issue 4, "Speed"): trigger → first step visible (median, also
 * under 4× CPU throttling), the longest task the SDK causes, and the layout/style/script work per
 * second while a tooltip sits idle, each beside a hand-made @floating-ui/dom tooltip measured in
 * the same run. Not a test: it prints figures. `npm run bench -w @nudge/sdk` (builds first).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import * as esbuild from "esbuild";
// @ts-expect-error build.mjs is plain JavaScript without declarations.
import { build, bundle, common } from "../build.mjs";

const RUNS = 40;
const here = import.meta.dirname;

async function handMade(): Promise<string> {
  const result = await esbuild.build({
    ...common,
    stdin: {
      contents: `import { autoUpdate, computePosition, flip, offset, shift } from "@floating-ui/dom";
        window.handMade = { autoUpdate, computePosition, middleware: [offset(10), flip(), shift({ padding: 8 })] };`,
      resolveDir: join(here, "../src"),
      loader: "js",
    },
    format: "iife",
    minify: true,
    write: false,
  });
  return result.outputFiles?.[0]?.text ?? "";
}

const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head>
<body style="margin:0;font:16px sans-serif"><header style="padding:12px"><button id="anchor">Anchor</button></header>
<main style="height:300vh;padding:24px">${"<p>Filler paragraph for layout. </p>".repeat(200)}</main>
<script src="/floating.js"></script><script src="/mark.js"></script><script src="/sdk.js"></script><script src="/mark.js"></script><script src="/bench.js"></script></body></html>`;

const active = {
  autoRender: true,
  refreshAfterSeconds: 300,
  milestones: [],
  messages: [
    {
      id: "msg_modal",
      name: "Bench modal",
      priority: 50,
      frequency: { cap: "none" },
      appearance: {},
      trigger: { type: "event", event: "bench_modal" },
      steps: [{ type: "modal", title: "Hello", body: "A modal step." }],
    },
    {
      id: "msg_tip",
      name: "Bench tooltip",
      priority: 50,
      frequency: { cap: "none" },
      appearance: {},
      trigger: { type: "event", event: "bench_tooltip" },
      steps: [{ type: "tooltip", selector: "#anchor", title: "Tip", body: "A tooltip step." }],
    },
  ],
};

async function measure(page: Page, label: string) {
  const results = await page.evaluate(`window.benchRun(${RUNS})`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const idle = async (start: string) => {
    await page.evaluate(start);
    // Past the first placement and the impression's batched send: from here on it is idle.
    await page.waitForTimeout(1500);
    const metrics = async () =>
      Object.fromEntries(
        (
          (await cdp.send("Performance.getMetrics")) as {
            metrics: { name: string; value: number }[];
          }
        ).metrics.map((m) => [m.name, m.value]),
      );
    const a = await metrics();
    await page.waitForTimeout(2000);
    const b = await metrics();
    const per = (name: string) => ((b[name] ?? 0) - (a[name] ?? 0)) / 2;
    await page.evaluate("window.benchStop()");
    return {
      layoutsPerSecond: per("LayoutCount"),
      styleRecalcsPerSecond: per("RecalcStyleCount"),
      scriptMsPerSecond: Math.round(per("ScriptDuration") * 1e5) / 100,
    };
  };
  const idleSdk = await idle("window.benchIdle('sdk')");
  const idleHand = await idle("window.benchIdle('hand')");
  const idleRaf = await idle("window.benchIdle('hand-raf')");
  return {
    label,
    ...(results as object),
    idleSdkTooltip: idleSdk,
    idleHandMadeTooltip: idleHand,
    idleHandMadeWithAnimationFrame: idleRaf,
  };
}

async function main() {
  await build();
  const [sdk, floating] = [Buffer.from(await bundle()), await handMade()];
  const pageBootstrap = readFileSync(join(here, "page.js"));
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const send = (type: string, body: string | Buffer) =>
      res.writeHead(200, { "content-type": type }).end(body);
    if (url.startsWith("/api/v1/messages/active"))
      return send("application/json", JSON.stringify(active));
    if (url.startsWith("/api/v1/")) return res.writeHead(202).end("{}");
    if (url === "/sdk.js") return send("text/javascript", sdk);
    if (url === "/floating.js") return send("text/javascript", floating);
    if (url === "/bench.js") return send("text/javascript", pageBootstrap);
    if (url === "/mark.js") return send("text/javascript", readFileSync(join(here, "mark.js")));
    return send("text/html", html);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const rows = [];
    for (const throttle of [1, 4]) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
      await page.goto(`${origin}/?throttle=${throttle}`);
      await page.waitForFunction("window.benchReady === true");
      rows.push(await measure(page, `${throttle}× CPU`));
      await page.close();
    }
    console.log(JSON.stringify(rows, null, 2));
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
