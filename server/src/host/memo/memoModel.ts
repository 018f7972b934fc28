/**
 * The fact-check memo: every claim the checker read in a draft, one row each
 * — the claim as written and where, the verdict, the sources with their exact
 * place (file and line, or a transcript's time and speaker) and the source
 * sentence, and a status a desk understands: verified, needs attention,
 * unsourced, ignored (who and when, from the ignore file) or disabled (by a
 * `factcheck-disable` comment). The record newsroom fact-checkers keep beside
 * a story.
 *
 * Host-neutral: the CLI (`factcheck report`) and the language server (the
 * export command) build the same model from what they already have —
 * findings with verified ones included, what was suppressed and why, the
 * corpus's description — and render it with `renderMemo`. Deterministic: the
 * same inputs give the same model, in draft order; the one date not from the
 * data is `generated`.
 */
import { displaySafe, extractFacts, oneLine, computeLineStarts, positionAt, type Citation, type CorpusStats, type Finding, type FindingCode } from '../../engine/api';
import { transcriptPlace } from '../citationPlace';

/** A row's status. */
export type MemoStatus = 'verified' | 'needs attention' | 'unsourced' | 'ignored' | 'disabled';

/** Statuses in the order the summary lists them. */
export const MEMO_STATUSES: readonly MemoStatus[] = ['verified', 'needs attention', 'unsourced', 'ignored', 'disabled'];

/** What kind of claim a row is about. */
export type ClaimKind = 'quotation' | 'person' | 'date' | 'number' | 'fact';

/** A cited source of a row. */
export interface MemoSource {
  title: string;
  publisher?: string;
  date?: string;
  /** The corpus file, as the host shows paths (relative to its folder). */
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** A transcript's cue time and speaker. */
  timestamp?: string;
  speaker?: string;
  /** `interview-ward.vtt 00:12:31 Peter Ward` for a transcript, else `file:line`. */
  place: string;
  /** The source sentence (or the window of it the citation keeps), on one line. */
  sentence: string;
}

/** One claim of the draft. */
export interface MemoRow {
  /** 1-based, in draft order. */
  n: number;
  kind: ClaimKind;
  /** 1-based line and column of the claim in the draft. */
  line: number;
  column: number;
  /** The claim as written, on one line. */
  claim: string;
  status: MemoStatus;
  /** The finding code, absent for a claim no check had anything to say about. */
  code?: FindingCode;
  verdict: string;
  suggestion?: string;
  /** For ignored and disabled rows: by whom, when and how far, or which comment. */
  statusNote?: string;
  sources: MemoSource[];
}

/** The rows of one draft, and their counts per status. */
export interface MemoDraft {
  path: string;
  counts: Record<MemoStatus, number>;
  rows: MemoRow[];
}

/** The corpus the draft was checked against. */
export interface MemoCorpus {
  /** Where it comes from: folders or files as the host shows them, or a database. */
  sources: string[];
  files: number;
  articles: number;
  sentences: number;
  /** Earliest and latest article dates, when articles carry dates. */
  firstDate?: string;
  lastDate?: string;
  /** The day the index was built or last brought up to date (`YYYY-MM-DD`). */
  indexed: string;
}

/** The whole memo. */
export interface Memo {
  /** The generation day (`YYYY-MM-DD`): the one date not taken from the data. */
  generated: string;
  tool: string;
  corpus: MemoCorpus;
  counts: Record<MemoStatus, number>;
  drafts: MemoDraft[];
}

/** Why a finding is not counted: a disable comment, or an ignore-file entry. */
export type MemoSuppression = { kind: 'disabled'; note?: string } | { kind: 'ignored'; by?: string; added?: string; scope?: string };

/** What a host gives for one draft. */
export interface MemoDraftInput {
  /** The draft's path as shown. */
  path: string;
  text: string;
  /** Every finding of the draft, verified ones included, suppressed ones included. */
  findings: readonly Finding[];
  /** The findings (by identity) a disable comment or the ignore file suppresses. */
  suppressed: ReadonlyMap<Finding, MemoSuppression>;
}

/** What a host gives to build a memo. */
export interface MemoInput {
  generated: string;
  tool: string;
  corpus: Omit<MemoCorpus, 'files' | 'articles' | 'sentences'> & { stats: CorpusStats };
  drafts: readonly MemoDraftInput[];
  /** How corpus paths are shown (relative to the memo's folder). */
  showPath: (path: string) => string;
}

/** Longest claim and source sentence kept in a row (the memo is a record, not a copy of the corpus). */
const MAX_CLAIM = 400;
const MAX_SENTENCE = 500;

/** Builds the memo's model. */
export function buildMemo(input: MemoInput): Memo {
  const drafts = input.drafts.map((d) => memoDraft(d, input.showPath));
  const counts = emptyCounts();
  for (const d of drafts) for (const s of MEMO_STATUSES) counts[s] += d.counts[s];
  const { stats, ...corpus } = input.corpus;
  return {
    generated: input.generated,
    tool: input.tool,
    corpus: { ...corpus, files: stats.files, articles: stats.articles, sentences: stats.sentences },
    counts,
    drafts,
  };
}

function emptyCounts(): Record<MemoStatus, number> {
  return { verified: 0, 'needs attention': 0, unsourced: 0, ignored: 0, disabled: 0 };
}

/** The kind of claim a finding code is about. */
export function kindOf(code: FindingCode): ClaimKind {
  if (code.startsWith('quote-')) return 'quotation';
  if (code.startsWith('name-') || code.startsWith('role-')) return 'person';
  if (code.startsWith('date-')) return 'date';
  if (code.startsWith('number-')) return 'number';
  return 'fact';
}

/** The status of a finding nothing suppresses: by its code, so a severity setting never changes the record. */
export function statusOf(code: FindingCode): MemoStatus {
  if (code.endsWith('-verified')) return 'verified';
  if (code.endsWith('-unsourced') || code === 'name-unknown') return 'unsourced';
  return 'needs attention';
}

function memoDraft(d: MemoDraftInput, showPath: (p: string) => string): MemoDraft {
  const starts = computeLineStarts(d.text);
  const place = (offset: number) => {
    const p = positionAt(starts, offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const claimText = (s: number, e: number) => displaySafe(oneLine(d.text.slice(s, e), MAX_CLAIM));
  const rows: Array<Omit<MemoRow, 'n'> & { start: number; end: number }> = [];
  for (const f of d.findings) {
    const sup = d.suppressed.get(f);
    const row: Omit<MemoRow, 'n'> & { start: number; end: number } = {
      start: f.span.start,
      end: f.span.end,
      kind: kindOf(f.code),
      ...place(f.span.start),
      claim: claimText(f.span.start, f.span.end),
      status: sup ? sup.kind : statusOf(f.code),
      code: f.code,
      verdict: displaySafe(oneLine(f.message, 1000)),
      sources: f.evidence.map((c) => memoSource(c, showPath)),
    };
    if (f.suggestion !== undefined) row.suggestion = displaySafe(oneLine(f.suggestion, MAX_CLAIM));
    const note = sup && suppressionNote(sup);
    if (note) row.statusNote = note;
    rows.push(row);
  }
  // Claims the checker read that no check had anything to say about: unsourced, so the desk sees every claim.
  const covered = (s: number, e: number) => rows.some((r) => r.start < e && s < r.end);
  const facts = extractFacts(d.text);
  const unclaimed: Array<{ start: number; end: number; kind: ClaimKind }> = [];
  for (const q of facts.quotes) unclaimed.push({ start: q.span.start, end: q.span.end, kind: 'quotation' });
  for (const p of facts.people) if (p.cue !== 'repeat') unclaimed.push({ start: p.span.start, end: p.span.end, kind: 'person' });
  for (const t of facts.dates) if (t.value !== undefined || t.relative !== undefined) unclaimed.push({ start: t.span.start, end: t.span.end, kind: 'date' });
  for (const u of unclaimed) {
    if (covered(u.start, u.end)) continue;
    rows.push({
      start: u.start,
      end: u.end,
      kind: u.kind,
      ...place(u.start),
      claim: claimText(u.start, u.end),
      status: 'unsourced',
      verdict: 'No source in the corpus confirms or contradicts this.',
      sources: [],
    });
  }
  rows.sort((a, b) => a.start - b.start || a.end - b.end || (a.code ?? '').localeCompare(b.code ?? ''));
  const counts = emptyCounts();
  const out: MemoRow[] = rows.map(({ start: _s, end: _e, ...r }, i) => {
    counts[r.status]++;
    return { n: i + 1, ...r };
  });
  return { path: d.path, counts, rows: out };
}

function suppressionNote(s: MemoSuppression): string | undefined {
  if (s.kind === 'disabled') return s.note ?? 'inside a factcheck-disable comment';
  const parts = [s.by ? `by ${s.by}` : undefined, s.added ? `on ${s.added.slice(0, 10)}` : undefined, s.scope ? `(${scopeWords(s.scope)})` : undefined].filter(Boolean);
  return ['ignored in .factcheck/ignore.json', ...parts].join(' ');
}

function scopeWords(scope: string): string {
  return scope === 'occurrence' ? 'this occurrence' : scope === 'file' ? 'everywhere in this draft' : scope === 'workspace' ? 'in every draft' : scope;
}

function memoSource(c: Citation, showPath: (p: string) => string): MemoSource {
  const file = showPath(c.path);
  const line = c.range.start.line + 1;
  const s: MemoSource = {
    title: c.title ?? file.split(/[\\/]/).pop() ?? file,
    file,
    line,
    place: transcriptPlace({ ...c, path: file }) ?? `${file}:${line}`,
    sentence: oneLine(c.text, MAX_SENTENCE),
  };
  if (c.publisher !== undefined) s.publisher = c.publisher;
  if (c.date !== undefined) s.date = c.date;
  if (c.timestamp !== undefined) s.timestamp = c.timestamp;
  if (c.speaker !== undefined) s.speaker = c.speaker;
  return s;
}
