/**
 * The stylesheet of rendered content (`.nc` and its blocks), for the render endpoint's page and
 * for the SDK's shadow root alike. The accent comes from the SDK card's own custom properties
 * (`--ac`, `--af`, set from the host's --nudge-* ones); margins are logical, so right-to-left
 * pages mirror.
 */
export const contentStyles = [
  ".nc{display:flex;flex-direction:column;gap:.75em;overflow-wrap:anywhere}",
  ".nc>*,.nc-col>*{margin:0}",
  ".nc-h{line-height:1.25}",
  ".nc-text p,.nc-text ul,.nc-text ol{margin:0 0 .5em}",
  ".nc-text ul,.nc-text ol{padding-inline-start:1.5em}",
  ".nc a{color:var(--ac,#4338ca)}",
  ".nc-img{display:block;max-width:100%;height:auto;border-radius:6px}",
  ".nc .nc-btn{display:inline-block;align-self:flex-start;padding:.6em 1.1em;border-radius:6px;background:var(--ac,#4338ca);color:var(--af,#fff);text-decoration:none;font-weight:600}",
  ".nc-hr{width:100%;border:0;border-top:1px solid #8885}",
  ".nc-cols{display:grid;gap:1em;grid-template-columns:repeat(auto-fit,minmax(8em,1fr))}",
  ".nc-col{display:flex;flex-direction:column;gap:.75em;min-width:0}",
  ".nc-video{position:relative;aspect-ratio:16/9}",
  ".nc-video iframe{position:absolute;inset:0;width:100%;height:100%;border:0;border-radius:6px}",
].join("");
