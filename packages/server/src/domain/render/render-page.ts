import {
  type Builder,
  escapeHtml,
  htmlBuilder,
  isRtl,
  renderContent,
  renderRichText,
  toRichText,
  videoEmbedOrigins,
} from "@nudge/content";
import type { Appearance, Step } from "@nudge/schema";
import { pageStyles } from "./page-styles.js";

/** What a page shows: steps already localized and personalized. */
export interface PageInput {
  steps: Step[];
  appearance: Partial<Appearance> | undefined;
  /** The locale the texts are in; null for the default texts, whose language is not recorded. */
  locale: string | null;
}

/**
 * One step as the SDK's card shows it, without the controls that need a script: the title, then
 * the block content when the step has some (its body and image are then the plain fallback for
 * renderers without blocks), else the image and body; then the CTA when it has a safe URL.
 */
function stepView<N>(step: Step, b: Builder<N>): N {
  const parts: N[] = [];
  if (step.title) parts.push(b.el("h1", { class: "n-title" }, [b.text(step.title)]));
  if (step.content) {
    parts.push(renderContent(step.content, b));
  } else {
    if (step.imageUrl) parts.push(b.el("img", { class: "n-img", src: step.imageUrl, alt: "" }));
    parts.push(b.el("div", { class: "n-body" }, renderRichText(toRichText(step.body), b)));
  }
  if (step.ctaText && step.ctaUrl) {
    // The builder drops an unsafe href; a CTA without one would be a dead button, so it is left out.
    const cta = b.el("a", { class: "n-cta", href: step.ctaUrl, rel: "noopener noreferrer" }, [
      b.text(step.ctaText),
    ]);
    parts.push(cta);
  }
  return b.el("section", { class: "n-step" }, parts);
}

/**
 * The complete HTML document of the render endpoint (SPEC §5), for WebViews: mobile viewport,
 * the message's theme, `lang` and `dir` (right-to-left locales mirror), no script of any kind,
 * and no referrer sent anywhere (the URL may carry a render token).
 */
export function renderPage({ steps, appearance, locale }: PageInput): string {
  const lang = locale ? ` lang="${escapeHtml(locale)}"` : "";
  // Without a known locale the browser reads the direction from the text itself.
  const dir = locale ? (isRtl(locale) ? "rtl" : "ltr") : "auto";
  const title = steps.find((s) => s.title)?.title ?? "Message";
  const body = steps.map((step) => stepView(step, htmlBuilder)).join("");
  return [
    "<!doctype html>",
    `<html${lang} dir="${dir}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${pageStyles(appearance)}</style>`,
    "</head>",
    `<body><main class="n-page">${body}</main></body>`,
    "</html>",
  ].join("\n");
}

/**
 * The page's Content-Security-Policy: no script at all (nothing in it needs one), styles only
 * inline (the page's own stylesheet and the spacers' heights; no author text reaches CSS),
 * images from anywhere on the web or this server, frames only from the video players, and no
 * form, base URL or plugin.
 */
export const pageSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' https: http:",
  `frame-src ${videoEmbedOrigins.join(" ")}`,
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
