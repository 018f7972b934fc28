/**
 * Quick fixes for factcheck diagnostics: use the sources' wording, or ignore
 * the claim (recorded in the workspace's `.factcheck/ignore.json` by the
 * server command {@link IGNORE_CLAIM_COMMAND}).
 */
import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import type { CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { oneLine } from '../../engine/api';
import type { OpenDocuments } from '../documents';
import type { DiagnosticData, IgnoreClaimArgs } from '../protocol';
import { IGNORE_CLAIM_COMMAND } from '../protocol';

/** Codes whose suggestion replaces the claim's words. */
const REPLACEABLE = new Set(['quote-altered', 'name-misspelled', 'role-mismatch', 'date-mismatch', 'quote-misattributed']);

/** `textDocument/codeAction`: the quick fixes of the factcheck diagnostics in the request. */
export function codeActionsAt(documents: OpenDocuments, params: CodeActionParams): CodeAction[] {
  const record = documents.get(params.textDocument.uri);
  if (!record) return [];
  return codeActionsFor(record.uri, params.context.diagnostics, (d) => record.document.getText(d.range));
}

/** Reads the data a factcheck diagnostic carries, or undefined for other diagnostics. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== 'factcheck') return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.code !== 'string' || typeof data.claim !== 'string') return undefined;
  return { code: data.code, claim: data.claim, suggestion: typeof data.suggestion === 'string' ? data.suggestion : undefined, evidence: Array.isArray(data.evidence) ? data.evidence : [] };
}

/**
 * The code actions for the factcheck diagnostics in a request's context.
 * `currentText(range)` returns the document's text in a range now, so a fix
 * is only offered while the claim still reads as it did when checked.
 */
export function codeActionsFor(
  uri: string,
  diagnostics: readonly Diagnostic[],
  currentText: (d: Diagnostic) => string,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = diagnosticData(d);
    if (!data) continue;
    const now = currentText(d);
    if (now !== data.claim) continue; // the text changed since the check; a fix would overwrite new words
    if (data.suggestion !== undefined && data.suggestion !== data.claim && REPLACEABLE.has(data.code)) {
      const action = CodeAction.create(`Replace with the sources' wording: "${oneLine(data.suggestion, 60)}"`, CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.edit = { changes: { [uri]: [{ range: d.range, newText: data.suggestion }] } };
      actions.push(action);
    }
    const args: IgnoreClaimArgs = { uri, code: data.code, text: data.claim };
    const ignore = CodeAction.create('Ignore this claim (for the whole team)', CodeActionKind.QuickFix);
    ignore.diagnostics = [d];
    ignore.command = { title: 'Ignore this claim', command: IGNORE_CLAIM_COMMAND, arguments: [args] };
    actions.push(ignore);
  }
  return actions;
}
