// The page side of bench.ts: timing loops run inside the browser, so no round trip to the test
// process sits between a trigger and the frame that shows its step.
(() => {
  const nudge = window.nudge;
  const { autoUpdate, computePosition, middleware } = window.handMade;
  const anchor = document.querySelector("#anchor");
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });

  // "Visible" = the frame after the change has been painted: rAF, then a task after it.
  const painted = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
    );
  const shown = () =>
    new Promise((resolve) =>
      nudge.on("message_shown", function once() {
        nudge.off("message_shown", once);
        resolve();
      }),
    );
  const root = () => document.querySelector("nudge-root")?.shadowRoot;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const round = (x) => Math.round(x * 100) / 100;

  let handCleanup = null;
  function handTooltip(animationFrame) {
    const el = document.createElement("div");
    el.setAttribute("role", "dialog");
    el.append(Object.assign(document.createElement("strong"), { textContent: "Tip" }));
    el.append(Object.assign(document.createElement("p"), { textContent: "A tooltip step." }));
    el.append(Object.assign(document.createElement("button"), { textContent: "Done" }));
    Object.assign(el.style, {
      position: "fixed",
      left: "0",
      top: "0",
      width: "max-content",
      maxWidth: "320px",
      padding: "14px 16px",
      background: "#fff",
      boxShadow: "0 12px 40px #0004",
      borderRadius: "12px",
    });
    document.body.append(el);
    return new Promise((resolve) => {
      let first = true;
      const stop = autoUpdate(
        anchor,
        el,
        () => {
          computePosition(anchor, el, { strategy: "fixed", placement: "bottom", middleware }).then(
            ({ x, y }) => {
              Object.assign(el.style, { left: `${x}px`, top: `${y}px` });
              if (first) {
                first = false;
                resolve();
              }
            },
          );
        },
        { animationFrame },
      );
      handCleanup = () => {
        stop();
        el.remove();
      };
    });
  }

  window.benchRun = async (runs) => {
    // Only tasks from here on: page load is not the SDK's doing (its own start-up is timed below).
    longTasks.length = 0;
    const times = { sdkModal: [], sdkTooltip: [], handMadeTooltip: [] };
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const modal = shown();
      nudge.track("bench_modal");
      await modal;
      times.sdkModal.push((await painted()) - t0);
      root().querySelector('[part~="done"]').click();
      await painted();

      t0 = performance.now();
      const tip = shown();
      nudge.track("bench_tooltip");
      await tip;
      times.sdkTooltip.push((await painted()) - t0);
      root().querySelector('[part~="done"]').click();
      await painted();

      t0 = performance.now();
      await handTooltip(false);
      times.handMadeTooltip.push((await painted()) - t0);
      handCleanup();
      await painted();
    }
    return {
      medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round(median(v))])),
      longTasksOver50ms: longTasks.filter((d) => d > 50).length,
      longestTaskMs: round(Math.max(0, ...longTasks)),
      sdkScriptEvaluationMs: round(window.benchSdkEval),
      initMs: round(initMs),
      warmInitMs: round(window.benchWarmInit),
    };
  };

  window.benchIdle = (kind) => {
    if (kind === "sdk") nudge.track("bench_tooltip");
    else handTooltip(kind === "hand-raf");
  };
  window.benchStop = () => {
    root()?.querySelector('[part~="done"]')?.click();
    handCleanup?.();
    handCleanup = null;
  };

  const t0 = performance.now();
  nudge.init({ apiKey: "pk_bench", host: location.origin, autocapture: false });
  const initMs = performance.now() - t0;
  nudge.messages
    .fetchActive()
    .then(() => {
      // A second start, with everything already compiled: what init costs once code is warm.
      nudge.destroy();
      const t1 = performance.now();
      nudge.init({ apiKey: "pk_bench", host: location.origin, autocapture: false });
      window.benchWarmInit = performance.now() - t1;
      return nudge.messages.fetchActive();
    })
    .then(() => {
      window.benchReady = true;
    });
})();
