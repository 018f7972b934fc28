import { excerptWindow, oneLine } from '../../engine/api';
import { displayPath } from '../displayPath';
import { quoteName, terminalLine } from '../terminalText';
import type { CheckReport, ReportEvidence } from '../report';
import { countBySeverity } from '../report';

/** Longest evidence excerpt printed under a finding, in characters. */
const MAX_EXCERPT = 160;

/** A one-line excerpt of a cited sentence around the words that match the claim, so the reader sees why it is cited. */
function excerpt(e: ReportEvidence): string {
  const w = excerptWindow(e.text, 0, e.text.length, MAX_EXCERPT, e.match ?? undefined);
  const cut = `${w.start > 0 ? '…' : ''}${e.text.slice(w.start, w.end)}${w.end < e.text.length ? '…' : ''}`;
  return oneLine(cut, MAX_EXCERPT + 2);
}

/**
 * Linter-style text: `file:line:col severity code message`, 1-based like
 * other linters, then the suggestion and each cited source sentence.
 */
export function formatText(report: CheckReport, cwd: string): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      // Names quoted, texts on one line and inert: nothing from a file name or the corpus can forge a line or drive the terminal.
      lines.push(`${quoteName(file.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${terminalLine(d.message)}`);
      if (d.suggestion !== null) lines.push(`    suggestion: ${terminalLine(d.suggestion)}`);
      for (const e of d.evidence) {
        lines.push(`    source: ${displayPath(e.article, cwd)}:${e.line + 1}${e.title ? ` (${terminalLine(e.title)})` : ''}: “${terminalLine(excerpt(e))}”`);
      }
    }
  }
  const c = countBySeverity(report);
  const total = c.error + c.warning + c.information + c.hint;
  const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`, `${c.information} information`];
  if (c.hint > 0) parts.push(`${c.hint} verified`);
  lines.push(
    `${total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'}`} in ${report.files.length} file${report.files.length === 1 ? '' : 's'} (${parts.join(', ')}); corpus: ${report.corpus.articles} articles, ${report.corpus.sentences} sentences.`,
  );
  return lines.join('\n');
}
