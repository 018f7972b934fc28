/**
 * Hovers on checked claims: a compact card under the editor's own diagnostic
 * hover, which already shows the finding's message — so the card never
 * repeats it. The card holds what the message cannot: the difference between
 * the draft and the source rendered (struck-through draft words, bold source
 * words), the source (title · publisher · date), the cited sentence trimmed
 * around the match with the match in bold, and links to open the source at
 * that sentence and to copy the citation.
 *
 * Corpus text is untrusted: everything taken from a corpus file (titles,
 * publishers, sentences, speakers) and from the draft goes through
 * {@link escapeMarkdown}, so no markdown, HTML or command link in an article
 * can render as anything but the characters it is. The only links are the
 * card's own, to the extension's own commands ({@link HOVER_COMMANDS}); the
 * client trusts exactly those (`markdown.isTrusted.enabledCommands`).
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import { excerptWindow, oneLine, STOPWORDS, tokenize } from '../../engine/api';
import type { Citation, Finding, FindingCode, TextSpan, WordDiffPart } from '../../engine/api';
import { pathToUri, sourceRangeToRange, spanToRange } from '../conversions';
import type { OpenDocuments } from '../documents';
import { COPY_CITATION_COMMAND, HOVER_LINK_COMMANDS, OPEN_SOURCE_COMMAND, SEARCH_CORPUS_COMMAND, SHOW_SOURCES_COMMAND } from '../protocol';
import { transcriptPlace } from '../../host/citationPlace';
import type { CopyCitationArgs, OpenSourceArgs, SearchCorpusArgs, ShowSourcesArgs } from '../protocol';

/** The commands the card links to: the client enables these, and only these, in hovers. */
export const HOVER_COMMANDS: readonly string[] = HOVER_LINK_COMMANDS;

/** Characters of the cited sentence shown: two lines of a hover at its usual 750 px, so the card fits its 250 px height without scrolling. */
const EXCERPT_CHARS = 160;
/** Words of unchanged text kept on each side of a change in a long quotation's difference. */
const DIFF_CONTEXT_WORDS = 4;
/** Characters of a source's title shown: with the publisher and date, one line of the card (a long headline took two). */
const TITLE_CHARS = 60;
/** Characters of a claim or suggestion shown in the difference line. */
const MAX_SHOWN = 120;

/**
 * `textDocument/hover`: the cards of the findings under the cursor, from the
 * document's last check (none while that check is of an older text).
 */
export function hoverAt(documents: OpenDocuments, params: HoverParams): Hover | null {
  const record = documents.get(params.textDocument.uri);
  const result = record?.result;
  if (!record || !result || result.text !== record.document.getText()) return null;
  const here = shownAt(result.findings, record.document.offsetAt(params.position));
  const value = formatHover(here, result.text, record.uri);
  if (!value) return null;
  const narrowest = here.reduce((a, b) => (b.span.end - b.span.start < a.span.end - a.span.start ? b : a));
  return { contents: { kind: 'markdown', value }, range: spanToRange(record.document, narrowest.span) };
}

/** Short verdicts, for findings whose message the editor does not show (the verified ones are usually off). */
export const VERDICTS: Readonly<Partial<Record<FindingCode, string>>> = {
  'quote-verified': 'Quote verified',
  'quote-altered': 'Quote differs from the source',
  'quote-misattributed': 'Quote attributed to someone else in the sources',
  'quote-speaker-unconfirmed': 'Words verified, speaker not confirmed',
  'quote-spelling': 'Quote spelled differently in the source',
  'quote-unsourced': 'Quote not found in the corpus',
  'name-verified': 'Name verified',
  'name-misspelled': 'Name spelled differently in the sources',
  'name-unknown': 'Name not found in the corpus',
  'role-mismatch': 'Role differs from the sources',
  'date-verified': 'Date verified',
  'date-mismatch': 'Date differs from the sources',
  'number-mismatch': 'Number differs from the source sentence',
  'fact-mismatch': 'Place, organisation or person differs from the source sentence',
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

/** Verified findings say "all is well": never stacked above a warning at the same place (a verified name inside a flagged quote). */
function isVerified(f: Finding): boolean {
  return f.code.endsWith('-verified');
}

/** The findings a hover shows at `offset`: the flagged ones when there are any, else the verified ones. */
export function shownAt(findings: readonly Finding[], offset: number): Finding[] {
  const here = findingsAt(findings, offset);
  const flagged = here.filter((f) => !isVerified(f));
  return flagged.length > 0 ? flagged : here;
}

/**
 * A corpus sentence with the words that match the claim in bold: the
 * evidence's own `match` span when the engine gives one, otherwise the
 * content words the claim and the sentence share.
 */
export function emphasiseEvidence(evidence: Pick<Citation, 'text' | 'match'>, claim: string): string {
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

/**
 * The cited sentence trimmed to about {@link EXCERPT_CHARS} characters around
 * its match (or the claim's words), "…" where cut, the match in bold.
 */
export function evidenceExcerpt(evidence: Pick<Citation, 'text' | 'match'>, claim: string, max = EXCERPT_CHARS): string {
  const text = evidence.text;
  const focus = evidence.match && evidence.match.end <= text.length ? evidence.match : sharedWordsSpan(text, claim);
  const w = excerptWindow(text, 0, text.length, max, focus);
  const match = focus && focus.start >= w.start && focus.end <= w.end ? { start: focus.start - w.start, end: focus.end - w.start } : undefined;
  const body = emphasiseEvidence({ text: text.slice(w.start, w.end), match }, claim);
  return `${w.start > 0 ? '…' : ''}${body}${w.end < text.length ? '…' : ''}`;
}

/** From the first to the last content word the sentence shares with the claim (what the eye looks for), if any. */
function sharedWordsSpan(text: string, claim: string): TextSpan | undefined {
  const wanted = new Set(tokenize(claim).filter((t) => !STOPWORDS.has(t.norm)).map((t) => t.norm));
  const hits = tokenize(text).filter((t) => wanted.has(t.norm));
  return hits.length > 0 ? { start: hits[0].start, end: hits[hits.length - 1].end } : undefined;
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
 * in the source in bold. With `contextWords`, long unchanged stretches keep
 * only that many words beside each change ("…" for the rest), so a long
 * quotation's one changed word is seen at once.
 */
export function wordDiffMarkdown(diff: readonly WordDiffPart[], contextWords = Infinity): string {
  const parts = draftFirst(diff.filter((p) => p.text.trim().length > 0));
  return parts
    .map((p, i) => {
      if (p.kind === 'added') return `~~${escapeMarkdown(p.text.trim())}~~`;
      if (p.kind === 'removed') return `**${escapeMarkdown(p.text.trim())}**`;
      const words = p.text.trim().split(/\s+/);
      const keepBefore = i > 0 ? contextWords : 0;
      const keepAfter = i < parts.length - 1 ? contextWords : 0;
      if (words.length <= keepBefore + keepAfter + 1) return escapeMarkdown(words.join(' '));
      const head = words.slice(0, keepBefore).join(' ');
      const tail = keepAfter > 0 ? words.slice(-keepAfter).join(' ') : '';
      return [head && escapeMarkdown(head), '…', tail && escapeMarkdown(tail)].filter(Boolean).join(' ');
    })
    .join(' ');
}

/**
 * Orders each run of changed words draft first (struck), then source (bold),
 * as every card reads ("~~talks~~ **negotiations**"); a diff may list the
 * source's words of a replacement first.
 */
function draftFirst(parts: readonly WordDiffPart[]): WordDiffPart[] {
  const out: WordDiffPart[] = [];
  let run: WordDiffPart[] = [];
  const flush = () => {
    out.push(...run.filter((p) => p.kind === 'added'), ...run.filter((p) => p.kind === 'removed'));
    run = [];
  };
  for (const p of parts) {
    if (p.kind === 'same') {
      flush();
      out.push(p);
    } else run.push(p);
  }
  flush();
  return out;
}

/** Text shown in the difference line: one line, cut, trailing comma or colon dropped (it belongs to the sentence, not the claim). */
function shown(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim().replace(/[,;:]+$/, '');
  return escapeMarkdown(one.length > MAX_SHOWN ? `${one.slice(0, MAX_SHOWN - 1)}…` : one);
}

/** `~~draft~~ → **source**`. */
function replacement(draft: string, source: string): string {
  return `~~${shown(draft)}~~ → **${shown(source)}**`;
}

/** A `command:` link to one of {@link HOVER_COMMANDS}; its arguments URI-encoded so nothing in them can end the link or start markup. */
export function commandLink(label: string, command: string, args: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify([args])).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](command:${command}?${encoded})`;
}

/** The card's first line: what the sources say about the claim, rendered (the message above already says it in words). */
function differenceLine(finding: Finding, claim: string, uri: string | undefined): string {
  const n = finding.evidence.length;
  switch (finding.code) {
    case 'quote-altered':
      if (finding.diff && finding.diff.some((p) => p.kind !== 'same')) return `**Source wording:** ${wordDiffMarkdown(finding.diff, DIFF_CONTEXT_WORDS)}`;
      return finding.suggestion !== undefined ? `**Source wording:** ${shown(finding.suggestion)}` : '';
    case 'quote-speaker-unconfirmed':
      return `**${VERDICTS[finding.code]}:** the words stand in ${n} source${n === 1 ? '' : 's'}, none of which says who spoke them as the draft does.`;
    case 'quote-spelling':
      if (finding.diff && finding.diff.some((p) => p.kind !== 'same')) return `**Source spelling:** ${wordDiffMarkdown(finding.diff, DIFF_CONTEXT_WORDS)}`;
      return '';
    case 'quote-misattributed': {
      const a = finding.attribution;
      return a && a.sourceSpeakers.length > 0 ? `**Speaker in the sources:** ~~${shown(a.draftSpeaker)}~~ → **${a.sourceSpeakers.map(shown).join('** or **')}**` : '';
    }
    case 'name-misspelled': {
      if (finding.suggestion === undefined) return '';
      // "In the sources" only when a cited sentence writes it so: the team's people list may correct a source's spelling.
      const flat = (t: string) => t.replace(/\s+/g, ' ').toLowerCase();
      const sourced = finding.evidence.some((e) => flat(e.text).includes(flat(finding.suggestion!)));
      return `**${sourced ? 'In the sources' : 'Spelling to use'}:** ${replacement(claim, finding.suggestion)}`;
    }
    case 'role-mismatch':
    case 'date-mismatch':
    case 'number-mismatch':
    case 'fact-mismatch':
      return finding.suggestion !== undefined ? `**In the sources:** ${replacement(claim, finding.suggestion)}` : '';
    case 'quote-unsourced':
    case 'name-unknown': {
      const args: SearchCorpusArgs = { query: claim.replace(/\s+/g, ' ').trim().slice(0, 200), uri };
      return `**Not found in the corpus.** ${commandLink('Search the corpus for these words', SEARCH_CORPUS_COMMAND, args)}`;
    }
    default:
      if (isVerified(finding)) return `**${VERDICTS[finding.code] ?? finding.code}**${n > 0 ? ` in ${n} source${n === 1 ? '' : 's'}` : ''}`;
      // A kind of finding without a card of its own: its correction, if it has one (its message is above).
      return finding.suggestion !== undefined && finding.suggestion !== claim ? `**In the sources:** ${replacement(claim, finding.suggestion)}` : '';
  }
}

/** The source block: title · publisher · date, the trimmed sentence, and the links. */
function sourceBlock(finding: Finding, claim: string, uri: string | undefined): string[] {
  const e = finding.evidence[0];
  if (!e) return [];
  const head = [e.title ? `*${escapeMarkdown(oneLine(e.title, TITLE_CHARS))}*` : escapeMarkdown(baseName(e.path)), e.publisher && escapeMarkdown(e.publisher), e.date && escapeMarkdown(e.date)]
    .filter(Boolean)
    .join(' · ');
  const open: OpenSourceArgs = { uri: pathToUri(e.path), range: sourceRangeToRange(e.range) };
  const copy: CopyCitationArgs = { title: e.title, publisher: e.publisher, date: e.date, uri: open.uri };
  const links = [commandLink('Open source at this sentence', OPEN_SOURCE_COMMAND, open), commandLink('Copy citation', COPY_CITATION_COMMAND, copy)];
  const more = finding.evidence.length - 1;
  if (more > 0 && uri) {
    const args: ShowSourcesArgs = { uri, offset: finding.span.start };
    links.push(commandLink(`${more} more source${more === 1 ? '' : 's'}`, SHOW_SOURCES_COMMAND, args));
  }
  // A transcript says when and who: "interview-ward.vtt 00:12:31 Peter Ward: …".
  const said = transcriptPlace(e);
  return [head, `> ${said !== undefined ? `${escapeMarkdown(said)}: ` : ''}${evidenceExcerpt(e, claim)}`, '', links.join(' · ')];
}

/** The Markdown card of one finding. `claim` is the draft text of its span; `uri` the draft's (for links that act on it). */
export function formatFindingHover(finding: Finding, claim: string, uri?: string): string {
  const lines: string[] = [];
  const first = differenceLine(finding, claim, uri);
  if (first) lines.push(first, '');
  lines.push(...sourceBlock(finding, claim, uri));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** The hover Markdown for the findings at a position, or undefined when there are none. */
export function formatHover(findings: readonly Finding[], text: string, uri?: string): string | undefined {
  if (findings.length === 0) return undefined;
  return findings.map((f) => formatFindingHover(f, text.slice(f.span.start, f.span.end), uri)).join('\n\n---\n\n');
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}
