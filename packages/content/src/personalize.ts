import type {
  Block,
  BlockDocument,
  InlineRun,
  RichText,
  Step,
  StepTranslation,
} from "@nudge/schema";
import { fillText, fillUrl, type Traits } from "./template.js";

const text = (value: string, traits: Traits) => fillText(value, traits);

/** An unsafe filled URL becomes "", which every renderer drops. */
const url = (value: string, traits: Traits) => fillUrl(value, traits) ?? "";

function richText(value: string | RichText, traits: Traits): string | RichText {
  if (typeof value === "string") return fillText(value, traits);
  const line = (runs: InlineRun[]) =>
    runs.map((r) => ({
      ...r,
      text: fillText(r.text, traits),
      ...(r.href === undefined ? {} : { href: url(r.href, traits) }),
    }));
  return value.map((b) =>
    b.type === "paragraph"
      ? { ...b, children: line(b.children) }
      : { ...b, items: b.items.map(line) },
  );
}

function block(b: Block, traits: Traits): Block {
  switch (b.type) {
    case "Heading":
      return { ...b, props: { ...b.props, text: fillText(b.props.text, traits) } };
    case "Text":
      return { ...b, props: { ...b.props, text: richText(b.props.text, traits) } };
    case "Button":
      return {
        ...b,
        props: {
          ...b.props,
          label: fillText(b.props.label, traits),
          href: url(b.props.href, traits),
        },
      };
    case "Image":
      return { ...b, props: { ...b.props, alt: fillText(b.props.alt, traits) } };
    case "Video":
      return { ...b, props: { ...b.props, title: fillText(b.props.title, traits) } };
    case "Columns":
      return {
        ...b,
        props: {
          ...b.props,
          columns: b.props.columns.map((c) => c.map((leaf) => block(leaf, traits))),
        } as typeof b.props,
      };
    default:
      return b;
  }
}

/** Every text and link of a block document with its placeholders filled. */
export function personalizeDocument(doc: BlockDocument, traits: Traits): BlockDocument {
  return { ...doc, content: doc.content.map((b) => block(b, traits)) };
}

/** The filled fields of a step or translation; `ctaUrl: undefined` when it must be dropped. */
function fields(t: StepTranslation, traits: Traits): StepTranslation {
  const out: StepTranslation = {};
  if (t.title !== undefined) out.title = text(t.title, traits);
  if (t.body !== undefined) out.body = text(t.body, traits);
  if (t.ctaText !== undefined) out.ctaText = text(t.ctaText, traits);
  if (t.ctaUrl !== undefined) out.ctaUrl = fillUrl(t.ctaUrl, traits) ?? undefined;
  if (t.content !== undefined) out.content = personalizeDocument(t.content, traits);
  return out;
}

/** `{...base, ...changes}` where a change to undefined removes the field. */
function merged<T extends object>(base: T, changes: StepTranslation): T {
  const out: Record<string, unknown> = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete out[key];
  return out as T;
}

/**
 * A step with its title, body, CTA text, CTA URL (URL-encoded values) and content filled from
 * the user's traits, in every translation too. A CTA URL that is not safe once filled is dropped.
 */
export function personalizeStep(step: Step, traits: Traits): Step {
  const out = merged(step, fields(step, traits));
  if (step.translations) {
    out.translations = Object.fromEntries(
      Object.entries(step.translations).map(([locale, t]) => [
        locale,
        merged(t, fields(t, traits)),
      ]),
    );
  }
  return out;
}
