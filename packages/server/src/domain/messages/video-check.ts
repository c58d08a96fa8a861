import { videoEmbedUrl } from "@nudge/content";
import type { Block, BlockDocument, FieldError } from "@nudge/schema";
import { AppError } from "../app-error.js";
import type { MessageFields } from "./ports.js";

const message = "must be a YouTube, Vimeo, Loom or Wistia video page URL";

function check(blocks: Block[], path: string, errors: FieldError[]): void {
  blocks.forEach((block, i) => {
    const at = `${path}.${i}`;
    if (block.type === "Video" && videoEmbedUrl(block.props.url) === null) {
      errors.push({ path: `${at}.props.url`, message });
    } else if (block.type === "Columns") {
      block.props.columns.forEach((column, c) => {
        check(column, `${at}.props.columns.${c}`, errors);
      });
    }
  });
}

/**
 * Rejects Video blocks of hosts outside the allow-list (or URLs whose video id cannot be read):
 * the schema checks the URL's shape, @nudge/content knows the hosts, and the renderer would
 * silently drop such a video, so the author hears about it on save instead.
 */
export function assertAllowedVideos(fields: Pick<MessageFields, "steps">): void {
  const errors: FieldError[] = [];
  const doc = (d: BlockDocument | undefined, path: string) => {
    if (d) check(d.content, `${path}.content`, errors);
  };
  fields.steps.forEach((step, s) => {
    doc(step.content, `steps.${s}.content`);
    for (const [locale, t] of Object.entries(step.translations ?? {})) {
      doc(t.content, `steps.${s}.translations.${locale}.content`);
    }
  });
  if (errors.length === 0) return;
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
  throw new AppError("validation_failed", detail, { errors });
}
