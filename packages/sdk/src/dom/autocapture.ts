const FIELD = /^(input|select|textarea|option)$/;

/** What a click is about: tag, a selector-ish path, short visible text, link target. Never values. */
export function describeClick(target: Element): Record<string, unknown> {
  const el = target.closest("a,button,[role=button],input,select,textarea,label") ?? target;
  const tag = el.tagName.toLowerCase();
  const classes = [...el.classList].slice(0, 3).map((c) => `.${c}`);
  return {
    tag,
    selector: tag + (el.id ? `#${el.id}` : "") + classes.join(""),
    // Form fields say nothing: their text could be what the user typed or chose.
    text: FIELD.test(tag) ? undefined : el.textContent?.trim().replace(/\s+/g, " ").slice(0, 100),
    href: el.getAttribute("href")?.split("?")[0]?.slice(0, 500) || undefined,
  };
}

/** Form identity only: fields are never read. */
export function describeForm(form: Element): Record<string, unknown> {
  return {
    id: form.id || undefined,
    name: form.getAttribute("name") || undefined,
    action: form.getAttribute("action")?.split("?")[0]?.slice(0, 500) || undefined,
  };
}

/** Page properties of a `$pageview`. */
export function describePage(referrer: string): Record<string, unknown> {
  return { path: location.pathname, url: location.href, referrer, title: document.title };
}
