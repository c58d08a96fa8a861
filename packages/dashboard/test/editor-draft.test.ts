import { describe, expect, it } from "vitest";
import { stepOf } from "../src/features/editor/editor-draft";

describe("stepOf", () => {
  it("keeps a step's translations and content through a save from the editor", () => {
    const translations = {
      fr: { title: 'Bonjour {{ traits.first_name | default: "vous" }}', body: "Nouveau" },
      ar: { body: "مرحبا" },
    };
    const content = { root: { props: {} }, content: [] };
    const step = stepOf({
      key: "step-1",
      type: "modal",
      title: "Hello",
      body: "New",
      dismissible: true,
      content,
      translations,
    });
    expect(step.translations).toEqual(translations);
    expect(step.content).toEqual(content);
    expect(step).not.toHaveProperty("key");
  });
});
