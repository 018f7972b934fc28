/**
 * Findings → LSP diagnostics: severity overrides, ignored claims, the
 * sentence still being typed, and the data code actions and clients need.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { oneLine } from '../engine/api';
import type { Finding, TextSpan } from '../engine/api';
import { claimKey } from '../host/ignoreRules';
import { severityToLsp, spanToRange, toWireCitation } from './conversions';
import type { DiagnosticData } from './protocol';
import type { FactcheckSettings } from './settings';

/** The README section that documents every finding code (its table of codes). */
export const CODES_SECTION = 'what-it-checks';

/** A key identifying a claim independent of where it stands (the ignore list's, `host/ignoreRules.ts`). */
export { claimKey } from '../host/ignoreRules';

/**
 * The span of the sentence being typed: in the paragraph around `editOffset`,
 * the text after the last sentence-final punctuation, when the paragraph does
 * not end with such punctuation yet. Undefined when the paragraph looks finished.
 * Findings inside it wait for the writer's pause (see the server's debounce).
 */
export function openSentenceSpan(text: string, editOffset: number): TextSpan | undefined {
  const at = Math.max(0, Math.min(editOffset, text.length));
  const before = text.slice(0, at);
  let paraStart = 0;
  const blank = /\n[ \t]*\n/g;
  for (let m = blank.exec(before); m !== null; m = blank.exec(before)) paraStart = m.index + m[0].length;
  const after = /\n[ \t]*\n/.exec(text.slice(at));
  const paraEnd = after ? at + after.index : text.length;
  const paragraph = text.slice(paraStart, paraEnd).replace(/\s+$/, '');
  if (paragraph.length === 0) return undefined;
  // Finished: ends with . ! ? … optionally followed by closing quotes/brackets.
  if (/[.!?…][\s"'”’»)\]*_]*$/u.test(paragraph)) return undefined;
  // The open sentence starts after the last sentence-final mark followed by a space.
  const re = /[.!?…]["'”’»)\]]*\s+/gu;
  let start = 0;
  for (let m = re.exec(paragraph); m !== null; m = re.exec(paragraph)) start = m.index + m[0].length;
  return { start: paraStart + start, end: paraStart + paragraph.length };
}

/** Inputs of {@link findingsToDiagnostics} besides the findings. */
export interface DiagnosticContext {
  document: TextDocument;
  settings: FactcheckSettings;
  /** Claim keys (see {@link claimKey}) to leave out; the server hides ignored claims before (`features/ignore.ts`). */
  ignored?: ReadonlySet<string>;
  /** Span whose findings are held back (the sentence being typed), if any. */
  heldBack?: TextSpan;
  /** Where the codes are documented (`codeDescription`), e.g. the README beside the bundle; none when absent. */
  docsUrl?: string;
}

/** Builds the diagnostics of one document. Findings whose severity setting is `off` are left out. */
export function findingsToDiagnostics(findings: readonly Finding[], ctx: DiagnosticContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = ctx.document.getText();
  for (const f of findings) {
    const setting = ctx.settings.severity[f.code] ?? f.severity;
    if (setting === 'off') continue;
    const claim = text.slice(f.span.start, f.span.end);
    if (ctx.ignored?.has(claimKey(f.code, claim))) continue;
    if (ctx.heldBack && f.span.end > ctx.heldBack.start && f.span.start < ctx.heldBack.end) continue;
    const evidence = f.evidence.map(toWireCitation);
    const data: DiagnosticData = { code: f.code, claim, suggestion: f.suggestion, evidence, attribution: f.attribution };
    const relatedInformation: DiagnosticRelatedInformation[] = evidence.map((e) => ({
      location: { uri: e.uri, range: e.range },
      message: `${[e.title, e.publisher, e.date].filter(Boolean).join(', ') || 'Source'}: ${oneLine(e.text, 160)}`,
    }));
    out.push({
      range: spanToRange(ctx.document, f.span),
      severity: severityToLsp(setting),
      code: f.code,
      codeDescription: ctx.docsUrl ? { href: ctx.docsUrl } : undefined,
      source: 'factcheck',
      message: f.message,
      relatedInformation: relatedInformation.length > 0 ? relatedInformation : undefined,
      data,
    });
  }
  return out;
}
