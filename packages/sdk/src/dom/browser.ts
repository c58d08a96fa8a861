import type { Client } from "../core/client.js";
import { describeClick, describeForm, describePage } from "./autocapture.js";
import { watchHistory } from "./history.js";
import { listen } from "./listen.js";

export interface BrowserOptions {
  autocapture: boolean;
  /** Our shadow host: clicks inside messages are not host-page clicks. */
  host(): Element | null;
  onError(error: unknown): void;
}

/**
 * Connects the client to the page: route changes (History API and back/forward), page hide
 * (sendBeacon flush), focus (idle refetch), coming back online, and autocapture. Returns the
 * undo that removes every listener and patch.
 */
export function wireBrowser(client: Client, options: BrowserOptions): () => void {
  const { onError } = options;
  let last = "";
  let referrer = document.referrer;
  const page = () => {
    const here = location.pathname + location.search;
    if (here === last) return;
    last = here;
    if (options.autocapture) client.track("$pageview", describePage(referrer));
    else client.signal("$pageview");
    referrer = location.href;
  };
  const undos = [
    watchHistory(page),
    listen(window, "popstate", page, onError),
    listen(window, "pagehide", client.pageHidden, onError),
    listen(
      document,
      "visibilitychange",
      () => (document.visibilityState === "hidden" ? client.pageHidden() : client.focused()),
      onError,
    ),
    listen(window, "focus", client.focused, onError),
    listen(window, "online", client.online, onError),
  ];
  if (options.autocapture) {
    const own = (event: Event) => event.composedPath().includes(options.host() as Element);
    undos.push(
      listen(
        document,
        "click",
        (event) => {
          if (event.target instanceof Element && !own(event)) {
            client.track("$click", describeClick(event.target));
          }
        },
        onError,
        true,
      ),
      listen(
        document,
        "submit",
        (event) => {
          if (event.target instanceof Element) {
            client.track("$form_submit", describeForm(event.target));
          }
        },
        onError,
        true,
      ),
    );
  }
  page();
  return () => {
    for (const undo of undos) undo();
  };
}
