/**
 * The content chunk: loaded by the SDK (dom/load-content.ts) only when a step has rich
 * `content` or `translations`, so the script-tag core keeps its size budget. It localizes the
 * step and builds its block content with @nudge/content's renderer and stylesheet, the same
 * ones the server's render endpoint uses, so both show the same markup.
 */
import {
  contentStyles,
  domBuilder,
  isRtl,
  localizeStep,
  pickLocale,
  renderContent,
} from "@nudge/content";
import type { StepActions, StepView } from "../core/platform.js";
import type { Step } from "../core/types.js";

/**
 * The card mirrored for right-to-left locales: the SDK's stylesheet places the close button,
 * the title's room for it, the progress and a banner's padding physically.
 */
const rtl =
  ".n[dir=rtl] .x{right:auto;left:8px}.n[dir=rtl] h2{margin:0 0 6px 28px}" +
  ".n[dir=rtl] .a span{margin:0 0 0 auto}.n[dir=rtl].banner{padding:12px 16px 12px 56px}" +
  // The card's own h2 rule must not reach content headings: they look as on the render page.
  ".nc .nc-h{font-size:revert}";

/** The shapes @nudge/content works on (the schema's), which the SDK's own types mirror. */
type ContentStep = Parameters<typeof localizeStep>[0];
type BlockDocument = Parameters<typeof renderContent>[0];

let sheet: CSSStyleSheet | undefined;

/** Adopts the content stylesheet into the SDK's shadow root, once. */
function adopt(root: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(contentStyles + rtl);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

const browserLocales = (): readonly string[] =>
  navigator.languages?.length ? navigator.languages : [navigator.language];

/**
 * `view` in the best locale for the user (their `locale` trait, then the browser's languages;
 * an exact match, then the base language, else the default texts), and what to add to its card:
 * `lang` and `dir` (right-to-left locales mirror), and the block content in place of the plain
 * image and body, whose buttons count as the step's CTA.
 */
export function dress(
  view: StepView,
  root: ShadowRoot,
  preferred: unknown,
  actions: StepActions,
): { view: StepView; dress(card: HTMLElement, body: HTMLElement): void } {
  const step = view.step as ContentStep;
  const locale = pickLocale(Object.keys(step.translations ?? {}), [
    typeof preferred === "string" ? preferred : undefined,
    ...browserLocales(),
  ]);
  const localized = localizeStep(step, locale) as Step;
  const doc = localized.content as BlockDocument | undefined;
  let content: Node | null = null;
  adopt(root);
  if (doc && Array.isArray(doc.content) && doc.content.length > 0) {
    content = renderContent(doc, domBuilder<Node>(document));
    // The block content replaces the plain image and body, as on the render endpoint's page.
    localized.body = "";
    delete localized.imageUrl;
  }
  return {
    view: { ...view, step: localized },
    dress(card, body) {
      if (locale) card.lang = locale;
      card.dir = locale ? (isRtl(locale) ? "rtl" : "ltr") : "auto";
      if (!content) return;
      body.append(content);
      for (const button of body.querySelectorAll("a.nc-btn")) {
        button.addEventListener("click", actions.cta);
      }
    },
  };
}
