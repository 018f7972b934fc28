/**
 * The memo as a standalone HTML page that prints cleanly (A4/Letter, the
 * table header repeated on each page, no row split across pages, no colours
 * needed). Every text is HTML-escaped and the page forbids scripts, frames,
 * images and remote loads (a Content-Security-Policy allowing only its own
 * inline style), so no corpus text can act when it is opened in a browser.
 */
import { MEMO_STATUSES, type Memo, type MemoRow, type MemoStatus } from './memoModel';
import { corpusSentence, generationLine, sourceHeading, statusLabel } from './memoText';

/** Text escaped for HTML element content and quoted attributes. */
export function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  :root { font-family: Georgia, 'Times New Roman', serif; color: #111; }
  body { margin: 2rem auto; max-width: 70rem; padding: 0 1rem; line-height: 1.4; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #999; }
  .generated { color: #444; font-size: .9rem; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; }
  th, td { border: 1px solid #bbb; padding: .3rem .4rem; vertical-align: top; text-align: left; }
  th { background: #eee; }
  td.n, td.line { text-align: right; white-space: nowrap; }
  .summary { width: auto; }
  .status { font-weight: bold; white-space: nowrap; }
  .status-verified { color: #14532d; }
  .status-needs-attention { color: #7c2d12; }
  .status-unsourced { color: #1e3a8a; }
  .status-ignored, .status-disabled { color: #444; }
  .note, .code { font-size: .8rem; color: #444; }
  .source + .source { margin-top: .4rem; }
  .sentence { font-style: italic; }
  @page { margin: 1.5cm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    h2 { break-after: avoid; page-break-after: avoid; }
    th { background: none; }
  }
`;

function statusClass(s: MemoStatus): string {
  return `status status-${s.replace(' ', '-')}`;
}

function rowHtml(r: MemoRow): string {
  const status = `<span class="${statusClass(r.status)}">${htmlText(statusLabel(r.status))}</span>${r.statusNote ? `<div class="note">${htmlText(r.statusNote)}</div>` : ''}`;
  const verdict = `${r.code ? `<div class="code">${htmlText(r.code)}</div>` : ''}${htmlText(r.verdict)}${r.suggestion !== undefined ? `<div class="note">Suggestion: “${htmlText(r.suggestion)}”</div>` : ''}`;
  const sources =
    r.sources.length === 0
      ? '—'
      : r.sources
          .map(
            (s) =>
              `<div class="source"><div>${htmlText(sourceHeading(s))}</div><div class="note">${htmlText(s.place)}${s.timestamp === undefined ? '' : ` (line ${s.line})`}</div><div class="sentence">“${htmlText(s.sentence)}”</div></div>`,
          )
          .join('');
  return `<tr><td class="n">${r.n}</td><td class="line">${r.line}</td><td>“${htmlText(r.claim)}”</td><td>${htmlText(r.kind)}</td><td>${status}</td><td>${verdict}</td><td>${sources}</td></tr>`;
}

/** Renders the memo as a standalone HTML page. */
export function memoHtml(m: Memo): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Fact-check memo${m.drafts.length === 1 ? ` — ${htmlText(m.drafts[0].path)}` : ''}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>Fact-check memo</h1>',
    `<p class="generated">${htmlText(generationLine(m))}</p>`,
    '<h2>Summary</h2>',
    '<table class="summary"><thead><tr><th>Status</th><th>Claims</th></tr></thead><tbody>',
  ];
  for (const s of MEMO_STATUSES) out.push(`<tr><td class="${statusClass(s)}">${htmlText(statusLabel(s))}</td><td class="n">${m.counts[s]}</td></tr>`);
  out.push('</tbody></table>', '<h2>Corpus</h2>', `<p>${htmlText(corpusSentence(m))}</p>`);
  for (const d of m.drafts) {
    out.push(`<h2>${htmlText(d.path)}</h2>`, `<p>${MEMO_STATUSES.map((s) => `${htmlText(statusLabel(s))}: ${d.counts[s]}`).join(' · ')}</p>`);
    if (d.rows.length === 0) {
      out.push('<p>No claims found.</p>');
      continue;
    }
    out.push('<table class="claims"><thead><tr><th>#</th><th>Line</th><th>Claim</th><th>Kind</th><th>Status</th><th>Verdict</th><th>Sources</th></tr></thead><tbody>');
    for (const r of d.rows) out.push(rowHtml(r));
    out.push('</tbody></table>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
