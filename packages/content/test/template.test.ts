import { placeholderPattern } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { fillText, fillUrl, placeholder } from "../src/index.js";

describe("fillText", () => {
  const traits = {
    first_name: "Ada",
    plan: "pro",
    seats: 3,
    beta: false,
    empty: "",
    nested: { a: 1 },
  };

  it("fills traits, with or without spaces and defaults", () => {
    expect(fillText("Hi {{ traits.first_name }}!", traits)).toBe("Hi Ada!");
    expect(fillText("Hi {{traits.first_name}}", traits)).toBe("Hi Ada");
    expect(
      fillText('{{ traits.seats | default: "1" }} seats, beta {{ traits.beta }}', traits),
    ).toBe("3 seats, beta false");
  });

  it("renders the default (or nothing) for unknown, empty, null or object traits", () => {
    expect(fillText('Hi {{ traits.last_name | default: "there" }}', traits)).toBe("Hi there");
    expect(fillText("Hi {{ traits.last_name | default: 'you' }}", traits)).toBe("Hi you");
    expect(fillText("Hi {{ traits.last_name }}.", traits)).toBe("Hi .");
    expect(
      fillText('{{ traits.empty | default: "x" }}{{ traits.nested | default: "y" }}', traits),
    ).toBe("xy");
    expect(
      fillText("{{ traits.__proto__ }}{{ traits.constructor }}{{ traits.toString }}", {}),
    ).toBe("");
  });

  it("leaves anything else between braces as it is: no expressions, no filters, no nesting", () => {
    for (const literal of [
      "{{ 7*7 }}",
      "{{ user.name }}",
      "{{ traits.a.b }}",
      "{{ traits.first_name | upcase }}",
      "{{constructor.constructor('x')()}}",
      "{{ traits.first_name",
    ]) {
      expect(fillText(literal, traits)).toBe(literal);
    }
  });

  it("fills in one pass: a trait that looks like a placeholder stays text", () => {
    expect(fillText("{{ traits.a }}", { a: "{{ traits.b }}", b: "secret" })).toBe("{{ traits.b }}");
  });

  it("cuts long values at 500 characters", () => {
    expect(fillText("{{ traits.a }}", { a: "x".repeat(10_000) })).toHaveLength(500);
  });

  it("uses the same grammar as the schema's save-time check", () => {
    expect(placeholder.source).toBe(placeholderPattern.source);
    expect(placeholder.flags).toBe(placeholderPattern.flags);
  });
});

describe("fillUrl", () => {
  it("URL-encodes every filled value, so no value can add a scheme, host, path or parameter", () => {
    expect(fillUrl("/hi?n={{ traits.name }}", { name: "Zoë & co" })).toBe(
      "/hi?n=Zo%C3%AB%20%26%20co",
    );
    expect(fillUrl("{{ traits.u }}", { u: "javascript:alert(1)" })).toBe("javascript%3Aalert(1)");
    expect(fillUrl("https://x.test/{{ traits.p }}", { p: "../../admin?x=1#y" })).toBe(
      "https://x.test/..%2F..%2Fadmin%3Fx%3D1%23y",
    );
    expect(fillUrl('/p?q={{ traits.q | default: "a b" }}', {})).toBe("/p?q=a%20b");
  });

  it("checks the filled URL again and refuses an unsafe one", () => {
    expect(fillUrl("javascript:{{ traits.x }}", { x: "1" })).toBeNull();
    expect(fillUrl("/{{ traits.x }} y", { x: "1" })).toBeNull();
    expect(fillUrl("mailto:{{ traits.email }}", { email: "a@b.c" })).toBe("mailto:a%40b.c");
  });

  it("survives lone surrogates, which encodeURIComponent refuses", () => {
    expect(fillUrl("/{{ traits.x }}", { x: "a\ud800b" })).toBe("/a%EF%BF%BDb");
  });
});
