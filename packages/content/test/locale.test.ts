import type { Step } from "@nudge/schema";
import { describe, expect, it } from "vitest";
import { isRtl, localesOf, localizeStep, pickLocale } from "../src/index.js";

describe("pickLocale", () => {
  const available = ["fr", "pt-BR", "ar", "zh-Hant-TW", "de-AT"];

  it("takes the first preferred locale that exists, exactly or by base language", () => {
    expect(pickLocale(available, ["pt-BR"])).toBe("pt-BR");
    expect(pickLocale(available, ["pt_br"])).toBe("pt-BR");
    expect(pickLocale(available, ["fr-CA", "pt-BR"])).toBe("fr");
    expect(pickLocale(available, ["pt-PT"])).toBe("pt-BR");
    expect(pickLocale(available, ["de"])).toBe("de-AT");
    expect(pickLocale(available, ["zh-Hant-HK"])).toBe("zh-Hant-TW");
  });

  it("moves to the next preference, then to the default (null)", () => {
    expect(pickLocale(available, [undefined, "", "ja", "ar-EG"])).toBe("ar");
    expect(pickLocale(available, ["ja", "ko"])).toBeNull();
    expect(pickLocale([], ["fr"])).toBeNull();
  });

  it("prefers the exact base over another region of it", () => {
    expect(pickLocale(["fr-CA", "fr"], ["fr-BE"])).toBe("fr");
  });
});

describe("isRtl", () => {
  it("knows right-to-left languages and scripts", () => {
    for (const rtl of ["ar", "ar-EG", "he", "fa-IR", "ur", "yi", "az-Arab", "ku-Arab"])
      expect(isRtl(rtl)).toBe(true);
    for (const ltr of ["en", "fr-CA", "zh-Hant-TW", "ur-Latn", "", null, undefined])
      expect(isRtl(ltr)).toBe(false);
  });
});

describe("localizeStep", () => {
  const step: Step = {
    type: "modal",
    title: "Welcome",
    body: "Hello",
    ctaText: "Go",
    ctaUrl: "/go",
    dismissible: true,
    translations: { fr: { title: "Bienvenue", body: "Bonjour" }, ar: { ctaText: "اذهب" } },
  };

  it("overlays a translation's fields and keeps the defaults for the rest", () => {
    expect(localizeStep(step, "fr")).toEqual({
      type: "modal",
      title: "Bienvenue",
      body: "Bonjour",
      ctaText: "Go",
      ctaUrl: "/go",
      dismissible: true,
    });
    expect(localizeStep(step, "ar").ctaText).toBe("اذهب");
  });

  it("gives the defaults, without the translations, for null or an unknown locale", () => {
    const { translations: _, ...defaults } = step;
    expect(localizeStep(step, null)).toEqual(defaults);
    expect(localizeStep(step, "de")).toEqual(defaults);
    expect(localizeStep(step, "constructor")).toEqual(defaults);
  });

  it("lists every locale of a message's steps", () => {
    expect(localesOf([step, { ...step, translations: { de: {} } }])).toEqual(["ar", "de", "fr"]);
  });
});
