import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, IDLE_REFETCH_MS } from "../src/core/client.js";
import { createEmitter } from "../src/core/emitter.js";
import type { ActiveEntry, ActiveResponse } from "../src/core/types.js";
import { activeList, fakePlatform, message, settle } from "./fakes.js";

const options = { apiKey: "pk_test", host: "https://nudge.example" };

function start(messages: ActiveEntry[], extra: Partial<ActiveResponse> = {}, path = "/app") {
  let response: ActiveResponse = activeList(messages, extra);
  const env = fakePlatform(() => response, path);
  const emitter = createEmitter();
  const hooks: [string, unknown][] = [];
  for (const name of [
    "message_shown",
    "message_dismissed",
    "message_completed",
    "message_cta_clicked",
    "step_changed",
    "error",
  ] as const) {
    emitter.on(name, (payload) => hooks.push([name, payload]));
  }
  const make = () => createClient(options, env.platform, emitter);
  return {
    ...env,
    hooks,
    make,
    client: make(),
    setResponse(r: ActiveResponse) {
      response = r;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("client: loading the active list", () => {
  it("fetches with the publishable key and an anonymous id kept in localStorage", async () => {
    const t = start([]);
    await settle();
    expect(t.net.gets).toHaveLength(1);
    const url = new URL(t.net.gets[0]!);
    expect(url.origin + url.pathname).toBe("https://nudge.example/api/v1/messages/active");
    expect(url.searchParams.get("api_key")).toBe("pk_test");
    const id = url.searchParams.get("distinct_id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect([...t.localRaw.data.values()].join()).toContain(id);
  });

  it("uses the sessionStorage cache for refreshAfterSeconds, then fetches again", async () => {
    const t = start([], { refreshAfterSeconds: 60 });
    await settle();
    t.make();
    await settle();
    expect(t.net.gets).toHaveLength(1);
    vi.setSystemTime(Date.now() + 61_000);
    t.make();
    await settle();
    expect(t.net.gets).toHaveLength(2);
  });

  it("refetches on focus only after 30 minutes without a fetch", async () => {
    const t = start([]);
    await settle();
    t.client.focused();
    expect(t.net.gets).toHaveLength(1);
    vi.setSystemTime(Date.now() + IDLE_REFETCH_MS + 1);
    t.client.focused();
    await settle();
    expect(t.net.gets).toHaveLength(2);
  });

  it("reports a failed load through the error hook instead of throwing", async () => {
    const env = fakePlatform(() => ({ status: 401 }));
    const emitter = createEmitter();
    const errors: unknown[] = [];
    emitter.on("error", (p) => errors.push(p.error));
    createClient(options, env.platform, emitter);
    await vi.runAllTimersAsync();
    expect(errors).toHaveLength(1);
  });
});

describe("client: triggers", () => {
  it("renders a page-triggered message on load, and only where urlRegex matches", async () => {
    const t = start([
      message("here", { trigger: { type: "page", urlRegex: "^/app" } }),
      message("elsewhere", { trigger: { type: "page", urlRegex: "^/pricing" } }),
    ]);
    await settle();
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["here"]);
  });

  it("renders nothing by itself with autoRender off, but fetchActive and show still work", async () => {
    const t = start([message("m1"), message("m2", { trigger: { type: "manual" } })], {
      autoRender: false,
    });
    await settle();
    expect(t.draw.shown).toHaveLength(0);
    expect((await t.client.fetchActive()).map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(await t.client.show("m2")).toBe(true);
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["m2"]);
  });

  it("fires event triggers on tracked events, including events tracked before the list came", async () => {
    const t = start([
      message("on-signup", { trigger: { type: "event", event: "signup" } }),
      message("on-click", {
        trigger: { type: "event", event: "$click" },
        steps: [{ type: "banner", body: "b" }],
      }),
    ]);
    t.client.track("signup");
    await settle();
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["on-signup"]);
    t.client.track("$click", { tag: "button" });
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["on-signup", "on-click"]);
  });

  it("fires milestone triggers for milestones reached before (server) and now (milestone())", async () => {
    const t = start(
      [
        message("old", { trigger: { type: "milestone", milestone: "onboarded" } }),
        message("new", {
          trigger: { type: "milestone", milestone: "paid" },
          steps: [{ type: "banner", body: "b" }],
        }),
      ],
      { milestones: ["onboarded"] },
    );
    await settle();
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["old"]);
    t.client.milestone("paid");
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["old", "new"]);
    await settle();
    expect(t.net.events().find((e) => e.event === "$milestone")?.properties).toEqual({
      name: "paid",
    });
  });

  it("waits delaySeconds, then re-checks the path before rendering", async () => {
    const t = start([
      message("delayed", { trigger: { type: "page", urlRegex: "^/app", delaySeconds: 5 } }),
    ]);
    await settle();
    expect(t.draw.shown).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.draw.shown).toHaveLength(1);

    const u = start([
      message("delayed", { trigger: { type: "page", urlRegex: "^/app", delaySeconds: 5 } }),
    ]);
    await settle();
    u.state.path = "/pricing";
    await vi.advanceTimersByTimeAsync(5000);
    expect(u.draw.shown).toHaveLength(0);
  });

  it("gives each slot to the highest priority: one overlay at a time", async () => {
    const t = start([
      message("high", { priority: 90 }),
      message("low", { priority: 10 }),
      message("bar", { priority: 5, steps: [{ type: "banner", body: "b" }] }),
    ]);
    await settle();
    expect(t.draw.open().map((s) => s.view.campaign.key)).toEqual(["high", "bar"]);
  });
});

describe("client: lifecycle events and caps", () => {
  it("sends message events in one request per interaction, with step and variant", async () => {
    const t = start([message("m1")]);
    await settle();
    t.draw.open()[0]!.actions.done();
    await settle();
    const lifecycle = t.net.events().filter((e) => e.event.startsWith("message_"));
    expect(lifecycle.map((e) => [e.event, e.properties])).toEqual([
      ["message_impression", { messageId: "m1", step: 0 }],
      ["message_complete", { messageId: "m1", step: 0 }],
    ]);
    expect(t.hooks.map(([name]) => name)).toEqual(["message_shown", "message_completed"]);
  });

  it("never renders a consumed campaign again in this session, even from the cached list", async () => {
    const t = start([message("m1", { frequency: { cap: "session" } })]);
    await settle();
    t.draw.open()[0]!.actions.dismiss();
    t.client.signal("$pageview");
    expect(t.draw.open()).toHaveLength(0);
    t.make();
    await settle();
    expect(t.draw.open()).toHaveLength(0);
    expect(await t.client.show("m1")).toBe(false);
  });

  it("cap none comes back on the next trigger", async () => {
    const t = start([message("m1", { frequency: { cap: "none" } })]);
    await settle();
    t.draw.open()[0]!.actions.done();
    t.client.signal("$pageview");
    expect(t.draw.open()).toHaveLength(1);
  });

  it("a throwing host hook breaks nothing", async () => {
    const t = start([message("m1")]);
    const emitter = createEmitter();
    emitter.on("message_shown", () => {
      throw new Error("host bug");
    });
    createClient(options, t.platform, emitter);
    await settle();
    expect(t.draw.open().length).toBeGreaterThan(0);
  });

  it("events of an experiment name the arm's message and variant", async () => {
    const exp = {
      id: "msg_ctl",
      experimentId: "exp_1",
      flagKey: "exp_1",
      trigger: { type: "page" },
      variants: {
        control: { messageId: "msg_ctl", steps: [{ type: "modal", body: "A" }] },
        treatment: { messageId: "msg_trt", steps: [{ type: "modal", body: "B" }] },
      },
      assignedVariant: "treatment",
    } as ActiveEntry;
    const t = start([exp]);
    await settle();
    expect(t.client.getVariant("exp_1")).toBe("treatment");
    expect(t.client.getVariant("nope")).toBeNull();
    t.draw.open()[0]!.actions.cta();
    await settle();
    expect(t.net.events().map((e) => e.properties)).toContainEqual({
      messageId: "msg_trt",
      step: 0,
      variantKey: "treatment",
    });
  });
});

describe("client: identity", () => {
  it("identify links the anonymous id, then refetches for the known user", async () => {
    const t = start([]);
    await settle();
    const anon = new URL(t.net.gets[0]!).searchParams.get("distinct_id");
    await t.client.identify("user_42", { plan: "pro" });
    const identify = t.net.posts.find((p) => p.url.includes("/identify"))!;
    expect(identify.body).toEqual({
      distinctId: "user_42",
      traits: { plan: "pro" },
      anonymousId: anon,
    });
    expect(new URL(t.net.gets.at(-1)!).searchParams.get("distinct_id")).toBe("user_42");
    await t.client.identify("user_42");
    const second = t.net.posts.filter((p) => p.url.includes("/identify"))[1]!;
    expect(second.body).toEqual({ distinctId: "user_42" });
  });

  it("reset starts a new anonymous identity", async () => {
    const t = start([]);
    await t.client.identify("user_42");
    t.client.reset();
    await settle();
    const id = new URL(t.net.gets.at(-1)!).searchParams.get("distinct_id");
    expect(id).not.toBe("user_42");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects malformed input with an error the public API contains", () => {
    const t = start([]);
    expect(() => t.client.track("")).toThrow(TypeError);
    expect(() => t.client.track("x".repeat(201))).toThrow(TypeError);
    expect(() => t.client.trackMessage("m1", "bogus" as "impression")).toThrow(TypeError);
    return expect(t.client.identify("")).rejects.toThrow(TypeError);
  });

  it("copies properties, so a circular object cannot poison the queue", () => {
    const t = start([]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => t.client.track("x", circular)).toThrow();
    expect(() => t.client.track("y", { ok: 1 })).not.toThrow();
  });
});

describe("client: identity verification", () => {
  const hashOf = (url: string) => new URL(url).searchParams.get("user_hash");

  it("sends the userHash given at init with the fetch and with every event", async () => {
    const env = fakePlatform(() => activeList([]));
    const verified = { ...options, distinctId: "user_7", userHash: "ab12" };
    const client = createClient(verified, env.platform, createEmitter());
    await settle();
    expect(new URL(env.net.gets[0]!).searchParams.get("distinct_id")).toBe("user_7");
    expect(hashOf(env.net.gets[0]!)).toBe("ab12");
    client.milestone("paid");
    await settle();
    expect(env.net.events()[0]).toMatchObject({ distinctId: "user_7", userHash: "ab12" });
  });

  it("identify takes the new user's hash; reset forgets it", async () => {
    const t = start([]);
    await settle();
    expect(hashOf(t.net.gets[0]!)).toBeNull();
    await t.client.identify("user_42", { plan: "pro" }, "cd34");
    const identify = t.net.posts.find((p) => p.url.includes("/identify"))!;
    expect(identify.body).toMatchObject({ distinctId: "user_42", userHash: "cd34" });
    expect(hashOf(t.net.gets.at(-1)!)).toBe("cd34");
    t.client.reset();
    await settle();
    expect(hashOf(t.net.gets.at(-1)!)).toBeNull();
    t.client.milestone("later");
    await settle();
    expect(t.net.events().at(-1)).not.toHaveProperty("userHash");
  });

  it("remembers the locale trait for the user, across pages, until another user or reset", async () => {
    const t = start([]);
    await settle();
    expect(t.client.locale()).toBeUndefined();
    await t.client.identify("user_42", { locale: "fr-FR", plan: "pro" });
    expect(t.client.locale()).toBe("fr-FR");
    // Traits without a locale, or none at all, keep it: the server merges traits too.
    await t.client.identify("user_42", { plan: "team" });
    await t.client.identify("user_42");
    expect(t.client.locale()).toBe("fr-FR");
    // The next page of the same browser starts with it.
    expect(t.make().locale()).toBe("fr-FR");
    await t.client.identify("user_43");
    expect(t.client.locale()).toBeUndefined();
    await t.client.identify("user_43", { locale: "ar" });
    t.client.reset();
    expect(t.client.locale()).toBeUndefined();
  });
});

describe("client: after destroy()", () => {
  it("renders nothing when a late answer arrives", async () => {
    const t = start([message("late")]);
    t.client.destroy();
    await settle();
    expect(t.draw.shown).toHaveLength(0);
  });

  it("reports a failed identify through the error hook", async () => {
    const t = start([]);
    await settle();
    t.net.answerPosts(() => ({ status: 400 }));
    await t.client.identify("user_1", { plan: "pro" });
    expect(t.hooks.filter(([name]) => name === "error")).toHaveLength(1);
  });
});

describe("client: reading the list", () => {
  it("fetchActive() from the cache does not re-run triggers", async () => {
    const t = start([message("again", { frequency: { cap: "none" } })]);
    await settle();
    t.draw.open()[0]!.actions.done();
    await t.client.fetchActive();
    expect(t.draw.open()).toHaveLength(0);
  });
});
