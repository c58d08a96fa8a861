/**
 * @nudge/content: a step's rich content rendered the same way everywhere. Pure and
 * dependency-free (types only from @nudge/schema), so the SDK can load the DOM half lazily.
 */
export { type Attrs, attrAllowed, type Builder, type Tag } from "./builder.js";
export { contentStyles } from "./content-styles.js";
export { type DomDocumentLike, type DomElementLike, domBuilder } from "./dom-builder.js";
export { escapeHtml, htmlBuilder } from "./html-builder.js";
export { isRtl, pickLocale } from "./locale.js";
export { localesOf, localizeStep } from "./localize.js";
export { personalizeDocument, personalizeStep } from "./personalize.js";
export { renderContent } from "./render-content.js";
export { renderRichText, toRichText } from "./rich-text.js";
export { isSafeImageUrl, isSafeLinkUrl } from "./safe-url.js";
export { fillText, fillUrl, hasPlaceholder, placeholder, type Traits } from "./template.js";
export { isEmbedUrl, videoEmbedOrigins, videoEmbedUrl } from "./video.js";
