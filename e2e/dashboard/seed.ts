import { expect } from "@playwright/test";
import { setupTenant } from "../support/server.js";
import { adminApi } from "./support.js";

const dayMs = 86_400_000;

/**
 * A product that looks lived-in: messages in every status and shape, a segment, teammates and
 * two weeks of interactions, all through the public API.
 */
export async function seedProduct(url: string) {
  const tenant = await setupTenant(url);
  const api = adminApi(url, tenant.secretKey, tenant.productId);
  const tour = await api.createMessage("Welcome tour", {
    status: "active",
    priority: 70,
    trigger: { type: "page", urlRegex: "^/app" },
    steps: [
      {
        type: "modal",
        title: "Welcome to Acme",
        body: "Three quick tips to get you going.",
        ctaText: "Start",
        ctaUrl: "/app/start",
      },
      {
        type: "tooltip",
        selector: "#new-project",
        title: "Create a project",
        body: "Everything starts with a project.",
      },
      {
        type: "tooltip",
        selector: "#invite",
        title: "Invite your team",
        body: "Work is better together.",
      },
    ],
  });
  await api.createMessage("Pricing page nudge", {
    status: "active",
    trigger: { type: "event", event: "$click", urlRegex: "^/pricing$" },
    steps: [
      {
        type: "banner",
        title: "Annual plans save 20%",
        body: "Switch any time.",
        ctaText: "See plans",
        ctaUrl: "/pricing#annual",
      },
    ],
    appearance: { position: "top", theme: "dark" },
    frequency: { cap: "day", maxImpressions: 3 },
  });
  await api.createMessage("Feedback survey", {
    status: "paused",
    priority: 30,
    steps: [{ type: "slideout", title: "How are we doing?", body: "Two questions, one minute." }],
    appearance: { position: "bottom-right", theme: "light" },
  });
  await api.createMessage("Holiday banner", {
    schedule: { startsAt: "2026-12-01T00:00:00.000Z", endsAt: "2027-01-01T00:00:00.000Z" },
    steps: [{ type: "banner", body: "Our support team is off 24–26 December." }],
  });
  await api.createMessage("Upgrade tooltip", {
    trigger: { type: "milestone", milestone: "hit_project_limit" },
    steps: [{ type: "tooltip", selector: "#upgrade", body: "You have used all 3 free projects." }],
  });
  const segment = await api.call("POST", "/segments", {
    name: "Pro customers",
    description: "Paying teams with five or more seats",
    filter: {
      and: [
        { trait: "plan", op: "eq", value: "pro" },
        { trait: "seats", op: "gte", value: 5 },
      ],
    },
  });
  expect(segment.status).toBe(201);

  // Three identified users, one of whom is a "Pro customer" (pro plan, ≥ 5 seats).
  for (const [distinctId, traits] of [
    ["ana", { plan: "pro", seats: 10 }],
    ["ben", { plan: "pro", seats: 2 }],
    ["cy", { plan: "free", seats: 8 }],
  ] as const) {
    const res = await fetch(`${url}/api/v1/identify`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tenant.publishableKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ distinctId, traits }),
    });
    expect(res.status, await res.text()).toBe(204);
  }

  // Two weeks of interactions with the tour, sent as a site would (publishable key).
  const now = Date.now();
  const track = async (type: string, user: number, day: number, step = 0) => {
    const res = await fetch(`${url}/api/v1/messages/${tour.id}/track`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tenant.publishableKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        type,
        distinctId: `user-${user}`,
        step,
        timestamp: new Date(now - day * dayMs).toISOString(),
      }),
    });
    expect(res.status, await res.text()).toBeLessThan(300);
  };
  const jobs: Promise<void>[] = [];
  for (let user = 0; user < 60; user++) {
    const day = user % 14;
    jobs.push(
      track("impression", user, day).then(async () => {
        if (user % 5 === 0) await track("dismiss", user, day, 0);
        else if (user % 5 === 1) await track("cta_click", user, day, 0);
        else if (user % 5 === 2) await track("dismiss", user, day, 1);
        else if (user % 5 === 3) await track("complete", user, day, 2);
      }),
    );
  }
  await Promise.all(jobs);
  return { tenant, api, tourId: tour.id };
}
