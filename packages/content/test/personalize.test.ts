import type { Step } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { personalizeStep } from "../src/index.js";

const step: Step = {
  type: "modal",
  title: 'Hi {{ traits.first_name | default: "there" }}',
  body: "Your plan: {{ traits.plan }}",
  ctaText: "Upgrade {{ traits.first_name }}",
  ctaUrl: "/upgrade?from={{ traits.plan }}",
  dismissible: true,
  content: {
    root: { props: {} },
    content: [
      { type: "Heading", props: { id: "h", text: "{{ traits.first_name }}", level: 2 } },
      {
        type: "Text",
        props: {
          id: "t",
          text: [
            {
              type: "paragraph",
              children: [{ text: "{{ traits.plan }}", href: "/p/{{ traits.plan }}" }],
            },
          ],
        },
      },
      { type: "Button", props: { id: "b", label: "{{ traits.plan }}", href: "{{ traits.plan }}" } },
      {
        type: "Columns",
        props: {
          id: "c",
          columns: [[{ type: "Text", props: { id: "t2", text: "{{ traits.first_name }}" } }]],
        },
      },
    ],
  },
  translations: {
    fr: { title: "Salut {{ traits.first_name }}", ctaUrl: "javascript:{{ traits.plan }}" },
  },
};

describe("personalizeStep", () => {
  it("fills every text and URL of a step, its content and its translations", () => {
    const out = personalizeStep(step, { first_name: "Zoë", plan: "pro plus" });
    expect(out.title).toBe("Hi Zoë");
    expect(out.body).toBe("Your plan: pro plus");
    expect(out.ctaText).toBe("Upgrade Zoë");
    expect(out.ctaUrl).toBe("/upgrade?from=pro%20plus");
    expect(JSON.stringify(out.content)).toContain('"text":"Zoë"');
    expect(JSON.stringify(out.content)).toContain('"href":"/p/pro%20plus"');
    expect(JSON.stringify(out.content)).toContain('"label":"pro plus","href":"pro%20plus"');
    expect(out.translations?.fr?.title).toBe("Salut Zoë");
    // An unsafe URL once filled (here, unsafe already) is dropped, never passed on.
    expect(out.translations?.fr).not.toHaveProperty("ctaUrl");
  });

  it("renders defaults for a user without traits, and never changes the input", () => {
    const before = JSON.stringify(step);
    const out = personalizeStep(step, {});
    expect(out.title).toBe("Hi there");
    expect(out.body).toBe("Your plan: ");
    expect(JSON.stringify(step)).toBe(before);
  });

  it("keeps markup in a trait as text", () => {
    const out = personalizeStep(step, { first_name: "<img src=x onerror=alert(1)>" });
    expect(out.title).toBe("Hi <img src=x onerror=alert(1)>");
  });
});
