import * as nudge from "./index.js";

type Call = [keyof typeof nudge, ArrayLike<unknown>];
const w = window as unknown as { nudge?: { version?: string; _q?: Call[] } };
const before = w.nudge;

// Loaded twice: the first copy keeps running and this one does nothing.
if (!before?.version) {
  w.nudge = nudge;
  // The loader snippet queued calls made before we arrived: replay them in order.
  for (const call of Array.isArray(before?._q) ? before._q : []) {
    try {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the whole API ships anyway.
      const fn = nudge[call[0]];
      if (typeof fn === "function") (fn as (...a: unknown[]) => unknown)(...Array.from(call[1]));
    } catch {
      // a malformed queued call must not stop the others
    }
  }
  // <script src=".../sdk.js" data-api-key="pk_…">: no inline script needed (strict CSP).
  const key = (document.currentScript as HTMLScriptElement | null)?.dataset.apiKey;
  if (key) nudge.init({ apiKey: key });
}
