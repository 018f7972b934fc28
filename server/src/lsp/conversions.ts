/**
 * The one place where engine positions become LSP positions: draft spans
 * (UTF-16 offsets) → ranges through the document's line table, corpus source
 * positions → ranges, severities → LSP severities, file paths ↔ URIs, and
 * engine citations → wire citations.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Citation, Severity, SourcePosition, TextSpan } from '../engine/api';
import type { WireCitation } from './protocol';

/** The LSP range of a draft span (UTF-16 offsets into the document's text). */
export function spanToRange(document: TextDocument, span: TextSpan): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** A corpus source range as an LSP range (same units; negative values clamped). */
export function sourceRangeToRange(range: { start: SourcePosition; end: SourcePosition }): Range {
  const clamp = (p: SourcePosition) => ({ line: Math.max(0, p.line | 0), character: Math.max(0, p.character | 0) });
  return { start: clamp(range.start), end: clamp(range.end) };
}

/** The LSP severity of an engine severity. */
export function severityToLsp(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/** A corpus file path (or a URI the source already gave) as a URI string. */
export function pathToUri(p: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p;
  return pathToFileURL(p).href;
}

/** The file-system path of a `file:` URI, or undefined for other schemes (untitled, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The one conversion of an engine citation to its wire form: every field kept
 * (search hits keep their score and terms), the corpus file added as a URI,
 * the source range clamped to valid LSP positions.
 */
export function toWireCitation<C extends Citation>(citation: C): C & WireCitation {
  return { ...citation, uri: pathToUri(citation.path), range: sourceRangeToRange(citation.range) };
}
