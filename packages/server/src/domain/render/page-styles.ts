import { contentStyles } from "@nudge/content";
import type { Appearance } from "@nudge/schema";

const light = "--bg:#fff;--fg:#111827;--ac:#4338ca;--af:#fff";
const dark = "--bg:#1f2937;--fg:#f9fafb;--ac:#a5b4fc;--af:#111827";
const hex = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/**
 * The page's stylesheet: the message's theme (light, dark, or the reader's preference for
 * auto) as the same custom properties the SDK's card uses, the author's colours over it, the
 * page layout and the content blocks' styles. Colours were validated on save and are checked
 * again here, since they are the only author input that reaches CSS.
 */
export function pageStyles(appearance: Partial<Appearance> | undefined): string {
  const theme = appearance?.theme ?? "light";
  const rules = [
    `:root{${theme === "dark" ? dark : light};color-scheme:${theme === "auto" ? "light dark" : theme}}`,
  ];
  if (theme === "auto") rules.push(`@media (prefers-color-scheme:dark){:root{${dark}}}`);
  const custom: string[] = [];
  const { backgroundColor: bg, textColor: fg } = appearance ?? {};
  if (bg && hex.test(bg)) custom.push(`--bg:${bg}`);
  if (fg && hex.test(fg)) custom.push(`--fg:${fg}`);
  if (custom.length > 0) rules.push(`:root{${custom.join(";")}}`);
  rules.push(
    "*,*::before,*::after{box-sizing:border-box}",
    // The SDK card's type (15px/1.5 system-ui): content looks the same in a WebView and in the page.
    "body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,sans-serif;-webkit-text-size-adjust:100%}",
    ".n-page{max-width:40rem;margin:0 auto;padding:max(1rem,env(safe-area-inset-top)) max(1rem,env(safe-area-inset-right)) max(1rem,env(safe-area-inset-bottom)) max(1rem,env(safe-area-inset-left))}",
    ".n-step{display:flex;flex-direction:column;gap:.75em}",
    ".n-step+.n-step{margin-top:1.5em;padding-top:1.5em;border-top:1px solid #8885}",
    ".n-title{margin:0;font-size:1.4em;line-height:1.25}",
    ".n-body p{margin:0 0 .5em}",
    ".n-img{display:block;max-width:100%;height:auto;border-radius:6px}",
    ".n-cta{display:inline-block;align-self:flex-start;padding:.6em 1.1em;border-radius:6px;background:var(--ac);color:var(--af);text-decoration:none;font-weight:600}",
    contentStyles,
  );
  return rules.join("");
}
