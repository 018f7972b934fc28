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
        // A transcript says when and who ("00:12:31 Peter Ward: …") where an article gives its title.
        // The title falls back to the file's name, which the path already shows.
        const titled = e.title !== e.article.split(/[\\/]/).pop() ? ` (${terminalLine(e.title)})` : '';
        const said = e.timestamp !== undefined ? ` ${terminalLine([e.timestamp, e.speaker].filter(Boolean).join(' '))}` : titled;
        lines.push(`    source: ${displayPath(e.article, cwd)}:${e.line + 1}${said}: “${terminalLine(excerpt(e))}”`);
      }
    }
  }
  const c = countBySeverity(report);
  const total = c.error + c.warning + c.information + c.hint;
  const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`, `${c.information} information`];
  if (c.hint > 0) parts.push(`${c.hint} verified`);
  // Never silent: what the team switched off is counted, so a reader knows it is there (--format json lists it).
  const suppressed = report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  if (suppressed > 0) parts.push(`${suppressed} ignored`);
  lines.push(
    `${total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'}`} in ${report.files.length} file${report.files.length === 1 ? '' : 's'} (${parts.join(', ')}); corpus: ${report.corpus.articles} articles, ${report.corpus.sentences} sentences.`,
  );
  return lines.join('\n');
}
