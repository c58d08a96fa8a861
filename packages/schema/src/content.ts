import { z } from "zod";
import { safeUrl } from "./common.js";

/**
 * The block document of a step (SPEC §8), in the shape the Puck editor produces:
 * `{root: {props}, content: [{type, props}]}`. Text is plain text; markup is never accepted.
 */
const blockId = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);

const heading = z.strictObject({
  type: z.literal("Heading"),
  props: z.strictObject({ id: blockId, text: text(500), level: z.number().int().min(1).max(6) }),
});
const paragraph = z.strictObject({
  type: z.literal("Text"),
  props: z.strictObject({ id: blockId, text: text(10_000) }),
});
const image = z.strictObject({
  type: z.literal("Image"),
  props: z.strictObject({ id: blockId, src: safeUrl, alt: text(500) }),
});
const button = z.strictObject({
  type: z.literal("Button"),
  props: z.strictObject({ id: blockId, label: text(200), href: safeUrl }),
});
const divider = z.strictObject({
  type: z.literal("Divider"),
  props: z.strictObject({ id: blockId }),
});
const spacer = z.strictObject({
  type: z.literal("Spacer"),
  props: z.strictObject({ id: blockId, size: z.number().int().min(0).max(200) }),
});
const leafBlock = z.discriminatedUnion("type", [
  heading,
  paragraph,
  image,
  button,
  divider,
  spacer,
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
  columns,
]);
export type Block = z.infer<typeof blockSchema>;

export const blockDocumentSchema = z.strictObject({
  root: z.strictObject({
    props: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .default({}),
  }),
  content: z.array(blockSchema).max(100),
});
export type BlockDocument = z.infer<typeof blockDocumentSchema>;
