/**
 * The messages the XSS suites save for the payloads of packages/content/test/xss-corpus.json:
 * each payload in every text field, block prop and URL of two steps and a translation, and a
 * placeholder for trait `p<i>` (which holds the same payload) wherever placeholders may go.
 */
const cut = (text: string, max: number) => text.slice(0, max);

/** The fields the API may refuse a payload in: URLs only, never text. */
export const urlField = /(?:ctaUrl|imageUrl|\.src|\.href|\.url)$/;

function blocks(p: string, trait: string) {
  const leaves = [
    { type: "Heading", props: { id: "h", text: cut(p, 500), level: 2 } },
    { type: "Heading", props: { id: "ht", text: trait, level: 3 } },
    { type: "Text", props: { id: "t", text: p } },
    {
      type: "Text",
      props: {
        id: "r",
        text: [
          {
            type: "paragraph",
            children: [
              { text: p, bold: true, italic: true, href: p },
              { text: trait, href: `/r/${trait}` },
            ],
          },
          { type: "list", ordered: true, items: [[{ text: p }], [{ text: trait }]] },
        ],
      },
    },
    { type: "Image", props: { id: "i", src: p, alt: cut(p, 500) } },
    { type: "Button", props: { id: "b", label: cut(p, 200), href: p } },
    { type: "Button", props: { id: "bt", label: trait, href: trait } },
    { type: "Video", props: { id: "v", url: p, title: cut(p, 200) } },
    { type: "Divider", props: { id: "d" } },
    { type: "Spacer", props: { id: "s", size: 8 } },
  ];
  return {
    root: { props: { title: cut(p, 1000) } },
    content: [
      ...leaves,
      { type: "Columns", props: { id: "c", columns: [leaves, leaves.slice(0, 3)] } },
    ],
  };
}

/** The two steps of one payload: its texts and URLs as they are, then with its placeholder. */
function stepsOf(p: string, i: number) {
  const trait = `{{ traits.p${i} }}`;
  return [
    { type: "modal", title: cut(p, 200), body: p, ctaText: cut(p, 100), ctaUrl: p, imageUrl: p },
    {
      type: "modal",
      title: `Hi ${trait}`,
      body: `${trait} ${cut(p, 4000)}`,
      ctaText: trait,
      ctaUrl: `/x?q=${trait}`,
      content: blocks(p, trait),
      translations: {
        fr: {
          title: cut(p, 200),
          body: trait,
          ctaText: cut(p, 100),
          ctaUrl: p,
          content: blocks(p, trait),
        },
      },
    },
  ];
}

/** At most this many payloads share one message (two steps each; a message holds 20). */
export const payloadsPerMessage = 10;

/** One message for up to ten payloads, `first` being the index of the first in the corpus. */
export function xssMessage(payloads: string[], first: number) {
  return {
    name: `XSS ${first}–${first + payloads.length - 1}`,
    status: "active",
    trigger: { type: "manual" },
    steps: payloads.flatMap((p, k) => stepsOf(p, first + k)),
  };
}

/** The dotted paths of every string in a JSON value equal to `value`. */
export function pathsOf(node: unknown, value: string, at = ""): string[] {
  if (node === value) return [at.slice(1)];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, child]) => pathsOf(child, value, `${at}.${key}`));
}

/** Replaces a refused URL by a safe one, so the rest of the message can be saved. */
export function replaceUrl(target: unknown, path: string): void {
  const keys = path.split(".");
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = path.endsWith(".url") ? "https://youtu.be/dQw4w9WgXcQ" : "/safe";
}
