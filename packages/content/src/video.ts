/**
 * The allowed video hosts and how a page URL maps to the host's embed player. The embed URL is
 * rebuilt from the video id alone (a charset-limited match), never from the author's string, so
 * nothing but a known player on a known origin can ever be framed.
 */
const parsers: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^https:\/\/(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:[^#]*&)?v=|embed\/|shorts\/|live\/)([\w-]{11})(?:[?&#/]|$)/i,
    (m) => `https://www.youtube-nocookie.com/embed/${m[1]}`,
  ],
  [
    /^https:\/\/(?:youtu\.be|(?:www\.)?youtube-nocookie\.com\/embed)\/([\w-]{11})(?:[?#/]|$)/i,
    (m) => `https://www.youtube-nocookie.com/embed/${m[1]}`,
  ],
  [
    /^https:\/\/(?:www\.)?vimeo\.com\/(\d{1,12})(?:\/([\da-f]{1,20}))?(?:[?#/]|$)/i,
    (m) => `https://player.vimeo.com/video/${m[1]}${m[2] ? `?h=${m[2]}` : ""}`,
  ],
  [
    /^https:\/\/player\.vimeo\.com\/video\/(\d{1,12})(?:\?(?:[^#]*&)?h=([\da-f]{1,20}))?(?:[?&#/]|$)/i,
    (m) => `https://player.vimeo.com/video/${m[1]}${m[2] ? `?h=${m[2]}` : ""}`,
  ],
  [
    /^https:\/\/(?:www\.)?loom\.com\/(?:share|embed)\/([\da-f]{32})(?:[?#/]|$)/i,
    (m) => `https://www.loom.com/embed/${m[1]}`,
  ],
  [
    /^https:\/\/(?:[a-z\d-]{1,63}\.)?wistia\.(?:com|net)\/(?:medias|embed\/iframe)\/([\da-z]{10})(?:[?#/]|$)/i,
    (m) => `https://fast.wistia.net/embed/iframe/${m[1]}`,
  ],
];

/** The origins embed players are served from: a page's CSP `frame-src`. */
export const videoEmbedOrigins = [
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  "https://www.loom.com",
  "https://fast.wistia.net",
];

/**
 * The embed player URL of a YouTube, Vimeo, Loom or Wistia video page; null for anything else.
 * @example videoEmbedUrl("https://youtu.be/dQw4w9WgXcQ") // "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
 */
export function videoEmbedUrl(url: unknown): string | null {
  if (typeof url !== "string" || url.length > 2048) return null;
  for (const [pattern, embed] of parsers) {
    const match = pattern.exec(url);
    if (match) return embed(match);
  }
  return null;
}

/** True for a URL videoEmbedUrl produced: the only iframe source a builder accepts. */
export const isEmbedUrl = (url: string) =>
  videoEmbedOrigins.some((origin) => url.startsWith(`${origin}/`)) && !/[\s"'<>\\]/.test(url);
