/**
 * The memo as Markdown: a summary table, the corpus, then one table per
 * draft with a row per claim. Every text from the draft or the corpus is
 * escaped (Markdown's active characters backslash-escaped, bare URLs broken
 * so they are not auto-linked, line breaks flattened), so no corpus sentence
 * can open a link, an image, HTML or a table cell of its own.
 */
import { MEMO_STATUSES, type Memo, type MemoRow } from './memoModel';
import { corpusSentence, generationLine, sourceHeading, statusLabel } from './memoText';

/** Text made inert in Markdown (inline and in a table cell), on one line. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&!{}]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\b(www)\./gi, '$1\\.');
}

function sourcesCell(r: MemoRow): string {
  if (r.sources.length === 0) return '—';
  return r.sources
    .map((s) => `${mdText(sourceHeading(s))} — ${mdText(s.place)}${s.timestamp === undefined ? '' : ` (line ${s.line})`}: “${mdText(s.sentence)}”`)
    .join('<br>');
}

function statusCell(r: MemoRow): string {
  return r.statusNote ? `**${statusLabel(r.status)}** (${mdText(r.statusNote)})` : `**${statusLabel(r.status)}**`;
}

function verdictCell(r: MemoRow): string {
  const v = r.code ? `\`${r.code}\` ${mdText(r.verdict)}` : mdText(r.verdict);
  return r.suggestion !== undefined ? `${v} Suggestion: “${mdText(r.suggestion)}”` : v;
}

/** Renders the memo as Markdown. */
export function memoMarkdown(m: Memo): string {
  const out: string[] = ['# Fact-check memo', '', generationLine(m), '', '## Summary', '', '| Status | Claims |', '|---|---:|'];
  for (const s of MEMO_STATUSES) out.push(`| ${statusLabel(s)} | ${m.counts[s]} |`);
  out.push('', '## Corpus', '', mdText(corpusSentence(m)));
  for (const d of m.drafts) {
    out.push('', `## ${mdText(d.path)}`, '');
    out.push(MEMO_STATUSES.map((s) => `${statusLabel(s)}: ${d.counts[s]}`).join(' · '), '');
    if (d.rows.length === 0) {
      out.push('No claims found.');
      continue;
    }
    out.push('| # | Line | Claim | Kind | Status | Verdict | Sources |', '|---:|---:|---|---|---|---|---|');
    for (const r of d.rows) {
      out.push(`| ${r.n} | ${r.line} | “${mdText(r.claim)}” | ${r.kind} | ${statusCell(r)} | ${verdictCell(r)} | ${sourcesCell(r)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
