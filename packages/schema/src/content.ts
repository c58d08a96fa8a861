import { z } from "zod";
import { safeUrl, templatedLinkUrl } from "./common.js";

/**
 * The block document of a step (SPEC §8), in the shape the Puck editor produces:
 * `{root: {props}, content: [{type, props}]}`. Markup is never accepted: text is plain text, and
 * rich text is structured data (paragraphs and lists of styled runs), so a renderer can only
 * ever produce the elements it chooses, with every string escaped or set as a text node.
 */
const blockId = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);

/** One styled piece of a line: `{text: "Read the ", bold: true}`, `{text: "guide", href: "/docs"}`. */
export const inlineRunSchema = z.strictObject({
  text: text(2000),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: templatedLinkUrl.optional(),
});
export type InlineRun = z.infer<typeof inlineRunSchema>;

const line = z.array(inlineRunSchema).max(200);

/** The safe rich-text subset: paragraphs and (ordered or bulleted) lists of runs. */
export const richTextBlockSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("paragraph"), children: line }),
  z.strictObject({
    type: z.literal("list"),
    ordered: z.boolean().optional(),
    items: z.array(line).min(1).max(100),
  }),
]);
export type RichTextBlock = z.infer<typeof richTextBlockSchema>;
export const richTextSchema = z.array(richTextBlockSchema).max(100);
export type RichText = z.infer<typeof richTextSchema>;

const heading = z.strictObject({
  type: z.literal("Heading"),
  props: z.strictObject({ id: blockId, text: text(500), level: z.number().int().min(1).max(6) }),
});
/** `text` is rich text, or (as first stored) a plain string: one paragraph per line. */
const paragraph = z.strictObject({
  type: z.literal("Text"),
  props: z.strictObject({ id: blockId, text: z.union([text(10_000), richTextSchema]) }),
});
const image = z.strictObject({
  type: z.literal("Image"),
  props: z.strictObject({ id: blockId, src: safeUrl, alt: text(500) }),
});
const button = z.strictObject({
  type: z.literal("Button"),
  props: z.strictObject({ id: blockId, label: text(200), href: templatedLinkUrl }),
});
const divider = z.strictObject({
  type: z.literal("Divider"),
  props: z.strictObject({ id: blockId }),
});
const spacer = z.strictObject({
  type: z.literal("Spacer"),
  props: z.strictObject({ id: blockId, size: z.number().int().min(0).max(200) }),
});
/**
 * A video of an allowed host (YouTube, Vimeo, Loom, Wistia), shown through the host's embed
 * player. The host and id are checked when the message is saved (server, with @nudge/content's
 * videoEmbedUrl) and again at render.
 */
const video = z.strictObject({
  type: z.literal("Video"),
  props: z.strictObject({
    id: blockId,
    url: safeUrl.refine((url) => /^https:\/\//i.test(url), "must be an https:// URL"),
    title: text(200),
  }),
});
const leafBlock = z.discriminatedUnion("type", [
  heading,
  paragraph,
  image,
  button,
  divider,
  spacer,
  video,
]);
const columns = z.strictObject({
  type: z.literal("Columns"),
  props: z.strictObject({
    id: blockId,
    columns: z.array(z.array(leafBlock).max(50)).min(1).max(4),
  }),
});

export const blockSchema = z.discriminatedUnion("type", [
  heading,
  paragraph,
  image,
  button,
  divider,
  spacer,
  video,
  columns,
]);
export type Block = z.infer<typeof blockSchema>;
export type LeafBlock = z.infer<typeof leafBlock>;

export const blockDocumentSchema = z.strictObject({
  root: z.strictObject({
    props: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .default({}),
  }),
  content: z.array(blockSchema).max(100),
});
export type BlockDocument = z.infer<typeof blockDocumentSchema>;
