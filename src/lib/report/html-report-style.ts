/**
 * The HTML report's stylesheet: a fixed light theme, because the figures' colours are baked into
 * their specs (built with the light palette) and a shared file should look the same to everyone,
 * on screen and printed. System fonts only: the file must make no request.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --text: #1b1f24; --muted: #59636e; --border: #d5dae0; --surface: #f6f8fa;
  --critical: #b42318; --warning: #9a6700; --info: #0b63c9; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.6rem; }
h4 { font-size: 0.98rem; margin: 0 0 0.4rem; }
p { margin: 0.4rem 0; }
code { font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--surface);
  padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.label { font-weight: 600; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--surface); }
td.num { font-variant-numeric: tabular-nums; }
dl.overview { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.2rem; margin: 0; }
dl.overview dt { color: var(--muted); }
dl.overview dd { margin: 0; }
.finding { border: 1px solid var(--border); border-radius: 8px; padding: 0.8rem 1rem; margin: 0.7rem 0; }
.finding .where { font-size: 0.92rem; }
.evidence { font-size: 0.86rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: 0.03em; padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid currentColor;
  vertical-align: 0.1em; }
.badge.critical { color: var(--critical); }
.badge.warning { color: var(--warning); }
.badge.info { color: var(--info); }
.figure { margin: 1.2rem 0; border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem; }
.figure figcaption { font-weight: 600; margin: 0 0 0.4rem; }
.plot { min-height: 420px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.note { white-space: pre-wrap; border-left: 3px solid var(--border); padding: 0.2rem 0.9rem; margin: 1rem 0; }
@media print { .figure, .finding { break-inside: avoid; } }
`;
