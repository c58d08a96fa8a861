// The demo host page's own script: a tiny pretend SPA around the Nudge SDK (loaded from /sdk.js).
// No innerHTML anywhere: the page enforces Trusted Types, like the strictest customer sites.
(() => {
  const params = new URLSearchParams(location.search);
  const key = params.get("key") || sessionStorage.getItem("nudge-demo-key");
  const id = params.get("id") || sessionStorage.getItem("nudge-demo-id");
  const $ = (selector) => document.querySelector(selector);
  const status = (text) => {
    $("#status").textContent = text;
  };
  const render = () => {
    const titles = { "/demo/app": "Dashboard", "/demo/app/settings": "Settings" };
    $("#title").textContent =
      titles[location.pathname] ??
      (location.pathname === "/demo/pricing" ? "Pricing" : "Acme Projects");
    $("#path").textContent = location.pathname;
  };

  // Client-side routing through the History API, as SPAs do: the SDK sees each route as a page view.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-route]") : null;
    if (!link) return;
    event.preventDefault();
    history.pushState({}, "", link.getAttribute("href"));
    render();
  });
  addEventListener("popstate", render);
  render();

  if (!key || !window.nudge) {
    $("#key-form").hidden = false;
    status(
      window.nudge ? "Enter a publishable key to start." : "The SDK did not load (is it built?).",
    );
    $("#key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem("nudge-demo-key", $("#key").value.trim());
      if ($("#id").value.trim()) sessionStorage.setItem("nudge-demo-id", $("#id").value.trim());
      location.reload();
    });
    return;
  }
  sessionStorage.setItem("nudge-demo-key", key);
  const nudge = window.nudge;
  nudge.on("error", (event) => status(`SDK error: ${event.error}`));
  nudge.on("message_shown", (event) => status(`Showing ${event.messageId}`));
  if (id) sessionStorage.setItem("nudge-demo-id", id);
  nudge.init({ apiKey: key, host: location.origin, ...(id ? { distinctId: id } : {}) });
  $("#user").textContent = id || "anonymous";
  $("#track-event").addEventListener("click", () => nudge.track("demo_clicked"));
  $("#milestone").addEventListener("click", () => nudge.milestone("onboarded"));
  $("#reset").addEventListener("click", () => {
    sessionStorage.removeItem("nudge-demo-id");
    nudge.reset();
    $("#user").textContent = "anonymous";
  });
  nudge.messages.fetchActive().then((list) => {
    status(
      list.length
        ? `${list.length} active message(s) for this user.`
        : "No active messages for this user yet.",
    );
  });
})();
