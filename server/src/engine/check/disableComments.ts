/**
 * Comments in a draft that switch checking off, as writers know them from
 * markdownlint, ESLint and cspell. Shared by every host (the CLI and the
 * language server honour the same comments).
 *
 * In any draft, an HTML comment (invisible once Markdown is rendered):
 *
 *     <!-- factcheck-disable -->            off from here …
 *     <!-- factcheck-enable -->             … to here (or to the end)
 *     <!-- factcheck-disable-next-line -->  off for the next line with text
 *     <!-- factcheck-disable-line -->       off for the line it stands on
 *
 * Each may name codes or families, separated by spaces or commas
 * (`<!-- factcheck-disable quote-unsourced name -->`): only those are
 * switched off (`name` means every `name-*` code). Without codes, all are.
 *
 * Plain text has no comments, so a line holding nothing but the directive
 * counts the same way, optionally after a comment leader writers use in text
 * files (`#`, `//`, `%`, `;`, `--`): `factcheck-disable-next-line`,
 * `# factcheck-disable quote-altered`. Anything after ` -- ` is a reason
 * for the reader (`<!-- factcheck-disable-line -- quoting a book -->`). A directive inside a sentence does not
 * count (it may be a draft *about* factcheck).
 */
import type { Finding, FindingCode, TextSpan } from '../types';
import { FINDING_CODES } from '../types';

/** The directives. */
export type DisableDirective = 'disable' | 'enable' | 'disable-next-line' | 'disable-line';

/** A stretch of the draft where some codes (or all) are not reported. */
export interface DisabledRange {
  span: TextSpan;
  /** The codes switched off; undefined: all of them. */
  codes?: FindingCode[];
  /** Where the comment that made it stands. */
  comment: TextSpan;
}

/** A directive that could not be understood (an unknown code): reported, never guessed at. */
export interface DisableCommentProblem {
  span: TextSpan;
  message: string;
}

/** What the comments of a draft switch off. */
export interface DisabledRanges {
  ranges: DisabledRange[];
  problems: DisableCommentProblem[];
}

/**
 * Directives read per draft. A draft holds a handful; a pasted log of
 * thousands must not make each check slow (every finding is tested against
 * the ranges), so the rest are reported once and not honoured.
 */
export const MAX_DIRECTIVES = 1000;

/** The word every directive starts with: a text without it has no directive (the fast path). */
const MARK = 'factcheck-';

/** `<!-- factcheck-… -->` anywhere (group 1: the directive, group 2: its codes). */
// The body is bounded: an unclosed comment must not make every later one scan to the end of the draft.
const HTML_COMMENT = /<!--\s*factcheck-(disable-next-line|disable-line|disable|enable)\b([^]{0,500}?)-->/g;
/** A line holding only a directive, after an optional comment leader. */
const BARE_LINE = /^[ \t]*(?:(?:#+|\/\/|%|;|--)[ \t]*)?factcheck-(disable-next-line|disable-line|disable|enable)((?:[ \t,]+[a-z][a-z-]*)*(?:[ \t]+--(?:[ \t].*)?)?)[ \t\r]*$/gm;

const FAMILIES = new Set(FINDING_CODES.map((c) => c.slice(0, c.indexOf('-'))));

interface Directive {
  kind: DisableDirective;
  span: TextSpan;
  codes?: FindingCode[];
}

/**
 * The ranges a draft's comments switch off, in document order, and the
 * directives whose codes are not understood (such a directive switches off
 * only the codes it does name; with none understood, nothing).
 */
export function findDisabledRanges(text: string): DisabledRanges {
  const out: DisabledRanges = { ranges: [], problems: [] };
  if (!text.includes(MARK)) return out;
  const directives = readDirectives(text, out.problems);
  const open = new Map<FindingCode | 'all', { start: number; comment: TextSpan }>();
  const close = (key: FindingCode | 'all', end: number) => {
    const o = open.get(key);
    if (!o) return;
    open.delete(key);
    if (end > o.start) out.ranges.push({ span: { start: o.start, end }, codes: key === 'all' ? undefined : [key], comment: o.comment });
  };
  for (const d of directives) {
    if (d.kind === 'disable-line' || d.kind === 'disable-next-line') {
      const line = d.kind === 'disable-line' ? lineAround(text, d.span.start) : nextLineWithText(text, d.span.end);
      if (line) out.ranges.push({ span: line, codes: d.codes, comment: d.span });
    } else if (d.kind === 'disable') {
      for (const key of d.codes ?? ['all' as const]) if (!open.has(key)) open.set(key, { start: d.span.end, comment: d.span });
    } else if (d.codes) {
      for (const code of d.codes) close(code, d.span.start);
      // `enable quote-altered` inside a `disable` of everything: that code comes back, the others stay off.
      const all = open.get('all');
      if (all) {
        close('all', d.span.start);
        for (const c of FINDING_CODES) if (!d.codes.includes(c) && !open.has(c)) open.set(c, { start: d.span.start, comment: all.comment });
      }
    } else {
      for (const key of [...open.keys()]) close(key, d.span.start);
    }
  }
  for (const key of [...open.keys()]) close(key, text.length);
  out.ranges.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out;
}

/** True when `finding` starts inside a range that switches its code off. */
export function isDisabled(ranges: readonly DisabledRange[], finding: Pick<Finding, 'code' | 'span'>): boolean {
  return ranges.some(
    (r) => r.span.start <= finding.span.start && finding.span.start < r.span.end && (!r.codes || r.codes.includes(finding.code)),
  );
}

/**
 * Splits findings into those the draft's comments leave on and those they
 * switch off (a host reports the count of the second, never their text).
 */
export function applyDisableComments<F extends Pick<Finding, 'code' | 'span'>>(text: string, findings: readonly F[]): { kept: F[]; disabled: F[] } {
  const { ranges } = findDisabledRanges(text);
  if (ranges.length === 0) return { kept: [...findings], disabled: [] };
  const kept: F[] = [];
  const disabled: F[] = [];
  for (const f of findings) (isDisabled(ranges, f) ? disabled : kept).push(f);
  return { kept, disabled };
}

function readDirectives(text: string, problems: DisableCommentProblem[]): Directive[] {
  const comments = matchesOf(HTML_COMMENT, text);
  // A bare line inside an HTML comment was already read as that comment (both lists are in text order).
  let c = 0;
  const bare = matchesOf(BARE_LINE, text).filter((m) => {
    while (c < comments.length && comments[c].index + comments[c][0].length <= m.index) c++;
    return !(c < comments.length && comments[c].index <= m.index);
  });
  const all = [...comments, ...bare].sort((a, b) => a.index - b.index);
  if (all.length > MAX_DIRECTIVES) {
    const at = all[MAX_DIRECTIVES].index;
    problems.push({ span: { start: at, end: at }, message: `More than ${MAX_DIRECTIVES} factcheck comments in this draft; the rest are not honoured.` });
  }
  const found: Directive[] = [];
  for (const m of all.slice(0, MAX_DIRECTIVES)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const codes = parseCodes(m[2], span, problems);
    if (codes !== null) found.push({ kind: m[1] as DisableDirective, span, codes });
  }
  return found;
}

/** Every match of a global regular expression, in text order. */
function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

/** The codes a directive names: undefined for all, null when it names only unknown ones (then it does nothing). */
function parseCodes(raw: string, span: TextSpan, problems: DisableCommentProblem[]): FindingCode[] | undefined | null {
  // Anything after " -- " is the writer's reason, as in ESLint's comments.
  const words = raw.split(/\s--(?:\s|$)/)[0].split(/[\s,]+/).filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  const codes = new Set<FindingCode>();
  const unknown: string[] = [];
  for (const w of words.map((x) => x.toLowerCase())) {
    if ((FINDING_CODES as readonly string[]).includes(w)) {
      codes.add(w as FindingCode);
    } else if (FAMILIES.has(w)) {
      for (const c of FINDING_CODES) if (c.startsWith(`${w}-`)) codes.add(c);
    } else {
      unknown.push(w);
    }
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((w) => (w.length > 40 ? `${w.slice(0, 40)}…` : w)).join(', ');
    problems.push({ span, message: `Unknown finding code${unknown.length === 1 ? '' : 's'} in a factcheck comment: ${shown}.` });
  }
  return codes.size > 0 ? [...codes] : null;
}

/** The line holding `offset` (without its line break). */
function lineAround(text: string, offset: number): TextSpan {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** The first line after `offset`'s line that holds more than white space, or undefined at the end. */
function nextLineWithText(text: string, offset: number): TextSpan | undefined {
  let nl = text.indexOf('\n', offset);
  while (nl >= 0) {
    const line = lineAround(text, nl + 1);
    if (text.slice(line.start, line.end).trim().length > 0) return line;
    nl = text.indexOf('\n', nl + 1);
  }
  return undefined;
}
