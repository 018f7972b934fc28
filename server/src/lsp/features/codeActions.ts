/**
 * Quick fixes for factcheck diagnostics, for every kind of finding:
 * - use the sources' wording (the preferred fix), and fix every finding of
 *   that kind in the file at once (as cspell's "fix all");
 * - change a misattributed quote's speaker to the one the sources name;
 * - search the corpus for the words of a quote or name it does not hold;
 * - ignore the claim here, in this draft, or in every draft of the folder
 *   (recorded in `.factcheck/ignore.json` by the server command
 *   {@link IGNORE_CLAIM_COMMAND});
 * - switch the check off for the line with a `factcheck-disable-next-line`
 *   comment (Markdown drafts: an HTML comment nobody sees once rendered).
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import type { CodeActionParams, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { oneLine } from '../../engine/api';
import type { Finding } from '../../engine/api';
import type { OpenDocuments } from '../documents';
import { IGNORE_CLAIM_COMMAND, SEARCH_CORPUS_COMMAND } from '../protocol';
import type { DiagnosticData, IgnoreClaimArgs, IgnoreScope, SearchCorpusArgs } from '../protocol';

/** Codes whose suggestion replaces the claim's words. */
const REPLACEABLE = new Set(['quote-altered', 'name-misspelled', 'name-mismatch', 'role-mismatch', 'date-mismatch', 'number-mismatch', 'fact-mismatch']);
/** Codes whose claim the corpus does not hold: searching it for the words is the next step. */
const SEARCHABLE = new Set(['quote-unsourced', 'name-unknown']);
/** How far the speaker of a misattributed quote may stand from the quote (characters, within its paragraph). */
const SPEAKER_REACH = 300;

/** The titles of the ignore fixes, by scope (the E2E and the README name them). */
export const IGNORE_TITLES: Readonly<Record<IgnoreScope, string>> = {
  occurrence: 'Ignore this claim here',
  file: 'Ignore this claim in this file',
  workspace: 'Ignore this claim everywhere in the workspace',
};

/** `textDocument/codeAction`: the quick fixes of the factcheck diagnostics in the request. */
export function codeActionsAt(documents: OpenDocuments, params: CodeActionParams): CodeAction[] {
  const record = documents.get(params.textDocument.uri);
  if (!record) return [];
  const { document, result } = record;
  // "Fix all" needs the findings of the text as it is now.
  const findings = result && result.text === document.getText() ? result.findings : [];
  return codeActionsFor(record.uri, params.context.diagnostics, (d) => document.getText(d.range), { document, findings });
}

/** Reads the data a factcheck diagnostic carries, or undefined for other diagnostics. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== 'factcheck') return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.code !== 'string' || typeof data.claim !== 'string') return undefined;
  const a = data.attribution;
  const attribution =
    a && typeof a.draftSpeaker === 'string' && Array.isArray(a.sourceSpeakers) ? { draftSpeaker: a.draftSpeaker, sourceSpeakers: a.sourceSpeakers.filter((s): s is string => typeof s === 'string') } : undefined;
  return {
    code: data.code,
    claim: data.claim,
    suggestion: typeof data.suggestion === 'string' ? data.suggestion : undefined,
    evidence: Array.isArray(data.evidence) ? data.evidence : [],
    attribution,
  };
}

/** What the fixes that look beyond the diagnostic's own range need: the document, and its current findings. */
export interface CodeActionContextOf {
  document: TextDocument;
  findings: readonly Finding[];
}

/** Wording as shown in a title: one line, short, without the trailing comma a quote carries inside its marks. */
function titleText(text: string, max = 60): string {
  return oneLine(text.replace(/[,;:]+$/, ''), max);
}

/**
 * The code actions for the factcheck diagnostics in a request's context.
 * `currentText(range)` returns the document's text in a range now, so a fix
 * is only offered while the claim still reads as it did when checked.
 */
export function codeActionsFor(uri: string, diagnostics: readonly Diagnostic[], currentText: (d: Diagnostic) => string, context?: CodeActionContextOf): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = diagnosticData(d);
    if (!data) continue;
    if (currentText(d) !== data.claim) continue; // the text changed since the check; a fix would overwrite new words
    const fix = (title: string, edits: TextEdit[], preferred = false) => {
      const action = CodeAction.create(title, CodeActionKind.QuickFix);
      action.diagnostics = [d];
      if (preferred) action.isPreferred = true;
      action.edit = { changes: { [uri]: edits } };
      actions.push(action);
    };
    const replaceable = data.suggestion !== undefined && data.suggestion !== data.claim && REPLACEABLE.has(data.code);
    if (replaceable) fix(`Replace with the sources' wording: "${titleText(data.suggestion!)}"`, [{ range: d.range, newText: data.suggestion! }], true);
    if (data.code === 'quote-misattributed' && data.attribution && context) {
      const where = speakerRange(context.document, d.range, data.attribution.draftSpeaker);
      for (const speaker of where ? data.attribution.sourceSpeakers : []) fix(`Change the attribution to ${titleText(speaker)}`, [{ range: where!, newText: speaker }]);
    }
    if (SEARCHABLE.has(data.code)) {
      const args: SearchCorpusArgs = { query: oneLine(data.claim, 200).replace(/…$/, ''), uri };
      const search = CodeAction.create('Search the corpus for these words', CodeActionKind.QuickFix);
      search.diagnostics = [d];
      search.command = { title: 'Search the corpus for these words', command: SEARCH_CORPUS_COMMAND, arguments: [args] };
      actions.push(search);
    }
    if (replaceable && context) {
      const all = fixAllEdits(context, data.code);
      if (all.length > 1) fix(`Fix all ${all.length} "${data.code}" findings in this file with the sources' wording`, all);
    }
    for (const scope of ['occurrence', 'file', 'workspace'] as const) {
      const args: IgnoreClaimArgs = { uri, code: data.code, text: data.claim, scope, range: d.range };
      const ignore = CodeAction.create(IGNORE_TITLES[scope], CodeActionKind.QuickFix);
      ignore.diagnostics = [d];
      ignore.command = { title: IGNORE_TITLES[scope], command: IGNORE_CLAIM_COMMAND, arguments: [args] };
      actions.push(ignore);
    }
    if (context && context.document.languageId === 'markdown') {
      const line = d.range.start.line;
      const indent = /^[ \t]*/.exec(context.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))?.[0] ?? '';
      fix(`Disable "${data.code}" for this line (comment in the draft)`, [
        { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- factcheck-disable-next-line ${data.code} -->\n` },
      ]);
    }
  }
  return actions;
}

/** One edit per finding of `code` with a suggestion whose text still reads as checked. */
function fixAllEdits({ document, findings }: CodeActionContextOf, code: string): TextEdit[] {
  const text = document.getText();
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (const f of findings) {
    if (f.code !== code || f.suggestion === undefined) continue;
    const claim = text.slice(f.span.start, f.span.end);
    // Overlapping edits are refused by editors: the first of two overlapping findings wins.
    if (f.suggestion === claim || f.span.start < lastEnd) continue;
    edits.push({ range: { start: document.positionAt(f.span.start), end: document.positionAt(f.span.end) }, newText: f.suggestion });
    lastEnd = f.span.end;
  }
  return edits;
}

/**
 * Where the draft names the speaker of a quote: the occurrence of its words
 * nearest to the quote, in the same paragraph, within {@link SPEAKER_REACH}
 * characters; undefined when they are not there (then no fix is offered).
 */
export function speakerRange(document: TextDocument, quote: Range, speaker: string): Range | undefined {
  const words = speaker.trim();
  if (!words) return undefined;
  const text = document.getText();
  const qStart = document.offsetAt(quote.start);
  const qEnd = document.offsetAt(quote.end);
  const from = Math.max(0, qStart - SPEAKER_REACH);
  const to = Math.min(text.length, qEnd + SPEAKER_REACH);
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  const near = text.slice(from, to);
  let best: { start: number; end: number; distance: number } | undefined;
  for (let m = re.exec(near); m !== null; m = re.exec(near)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start < qEnd && end > qStart) continue; // inside the quote itself
    const between = start >= qEnd ? text.slice(qEnd, start) : text.slice(end, qStart);
    if (/\n[ \t]*\n/.test(between)) continue; // another paragraph
    const distance = start >= qEnd ? start - qEnd : qStart - end;
    if (!best || distance < best.distance) best = { start, end, distance };
  }
  return best && { start: document.positionAt(best.start), end: document.positionAt(best.end) };
}
