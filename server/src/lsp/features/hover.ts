/**
 * Hovers on checked claims: the verdict, the sources' wording, the word
 * difference and the cited sentences. Corpus text is untrusted: everything taken
 * from a corpus file (titles, publishers, sentences) goes through
 * {@link escapeMarkdown}, so no markdown, HTML or command link in an article
 * can render as anything but the characters it is.
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { STOPWORDS, tokenize } from '../../engine/api';
import type { Citation, Finding, FindingCode, WordDiffPart } from '../../engine/api';
import { spanToRange } from '../conversions';
import type { OpenDocuments } from '../documents';

/**
 * `textDocument/hover`: the verdicts of the findings under the cursor, from
 * the document's last check (none while that check is of an older text).
 */
export function hoverAt(documents: OpenDocuments, params: HoverParams): Hover | null {
  const record = documents.get(params.textDocument.uri);
  const result = record?.result;
  if (!record || !result || result.text !== record.document.getText()) return null;
  const here = findingsAt(result.findings, record.document.offsetAt(params.position));
  const value = formatHover(here, result.text);
  if (!value) return null;
  const narrowest = here.reduce((a, b) => (b.span.end - b.span.start < a.span.end - a.span.start ? b : a));
  return { contents: { kind: 'markdown', value }, range: spanToRange(record.document, narrowest.span) };
}

/** Short verdicts shown as the hover's heading. */
export const VERDICTS: Readonly<Record<FindingCode, string>> = {
  'quote-verified': 'Quote verified',
  'quote-altered': 'Quote differs from the source',
  'quote-misattributed': 'Quote attributed to someone else in the sources',
  'quote-unsourced': 'Quote not found in the corpus',
  'name-verified': 'Name verified',
  'name-misspelled': 'Name spelled differently in the sources',
  'name-unknown': 'Name not found in the corpus',
  'role-mismatch': 'Role differs from the sources',
  'date-verified': 'Date verified',
  'date-mismatch': 'Date differs from the sources',
};

/**
 * Escapes text for a Markdown hover: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), which defuses
 * emphasis, links, `command:` URIs, autolinks and raw HTML; line breaks
 * collapse to spaces so no block structure (headings, lists, tables) can start.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** The findings whose span contains `offset` (inclusive of the end, so hovering the last character works). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.span.start <= offset && offset <= f.span.end);
}

/**
 * A corpus sentence with the words that match the claim in bold: the
 * evidence's own `match` span when the engine gives one, otherwise the
 * content words the claim and the sentence share.
 */
export function emphasiseEvidence(evidence: Citation, claim: string): string {
  const text = evidence.text;
  const marks: Array<[number, number]> = [];
  if (evidence.match && evidence.match.start < evidence.match.end && evidence.match.end <= text.length) {
    marks.push([evidence.match.start, evidence.match.end]);
  } else {
    const wanted = new Set(tokenize(claim).map((t) => t.norm));
    for (const t of tokenize(text)) if (wanted.has(t.norm)) marks.push([t.start, t.end]);
  }
  // Runs of function words alone ("of the") are not worth emphasising.
  const runs = mergeAdjacent(text, marks).filter(([s, e]) => tokenize(text, s, e).some((t) => !STOPWORDS.has(t.norm)));
  let out = '';
  let at = 0;
  for (const [s, e] of runs) {
    out += escapeMarkdown(text.slice(at, s)) + `**${escapeMarkdown(text.slice(s, e).trim())}**`;
    at = e;
  }
  return out + escapeMarkdown(text.slice(at));
}

// Joins marks separated by white space only, so a matching phrase is one bold run.
function mergeAdjacent(text: string, marks: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...marks].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && (m[0] <= last[1] || /^\s*$/.test(text.slice(last[1], m[0])))) last[1] = Math.max(last[1], m[1]);
    else out.push([m[0], m[1]]);
  }
  return out;
}

/**
 * A word diff as Markdown: words only in the draft struck through, words only
 * in the source in bold. (The engine's `formatWordDiff` is its plain-text form.)
 */
export function wordDiffMarkdown(diff: readonly WordDiffPart[]): string {
  return diff
    .map((p) => {
      const t = escapeMarkdown(p.text.trim());
      if (!t) return '';
      if (p.kind === 'added') return `~~${t}~~`;
      if (p.kind === 'removed') return `**${t}**`;
      return t;
    })
    .filter((s) => s.length > 0)
    .join(' ');
}

/** The Markdown of one finding's hover section. `claim` is the draft text of its span. */
export function formatFindingHover(finding: Finding, claim: string): string {
  const lines: string[] = [];
  lines.push(`**${VERDICTS[finding.code] ?? finding.code}** \`${finding.code}\``);
  lines.push('');
  lines.push(escapeMarkdown(finding.message));
  if (finding.suggestion !== undefined && finding.suggestion !== claim) {
    lines.push('');
    lines.push(`Sources' wording: ${escapeMarkdown(finding.suggestion)}`);
  }
  if (finding.diff && finding.diff.some((p) => p.kind !== 'same')) {
    lines.push('');
    lines.push(`Difference (~~only in your draft~~, **only in the source**): ${wordDiffMarkdown(finding.diff)}`);
  }
  if (finding.evidence.length > 0) {
    lines.push('');
    lines.push(finding.evidence.length === 1 ? 'Source:' : `Sources (${finding.evidence.length}):`);
    lines.push('');
    for (const e of finding.evidence) {
      const head = [e.title ? `*${escapeMarkdown(e.title)}*` : undefined, e.publisher && escapeMarkdown(e.publisher), e.date && escapeMarkdown(e.date)]
        .filter(Boolean)
        .join(' · ');
      lines.push(`- ${head || escapeMarkdown(baseName(e.path))}`);
      lines.push(`  > ${emphasiseEvidence(e, claim)}`);
    }
  }
  return lines.join('\n');
}

/** The hover Markdown for all findings at a position, or undefined when there are none. */
export function formatHover(findings: readonly Finding[], text: string): string | undefined {
  if (findings.length === 0) return undefined;
  return findings.map((f) => formatFindingHover(f, text.slice(f.span.start, f.span.end))).join('\n\n---\n\n');
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
