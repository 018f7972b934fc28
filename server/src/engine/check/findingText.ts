/**
 * The text of a finding, bounded and made safe. A message embeds source
 * wording (a passage, a role, a speaker's name), and corpus text is untrusted:
 * a judge quotes it through {@link quotedWording} (one line, a bounded
 * length), and the checker passes every finding through {@link finishText}
 * (one place) before it leaves the engine: the message one readable sentence
 * of bounded length, the suggestion dropped when it is no correction of the
 * claim's size, control and bidi characters made visible and inert.
 */
import type { Finding, TextSpan, WordDiffPart } from '../types';
import { displaySafe } from '../text/displaySafe';
import { clipText } from '../text/excerpt';

/** Most characters of source wording quoted inside a message. */
export const MAX_QUOTED_WORDING = 160;
/** Most characters of a finding's message. */
export const MAX_MESSAGE_LENGTH = 500;
/** Extra characters a suggestion may have beyond twice the claim's length (a source's fuller name, a date). */
const SUGGESTION_SLACK = 200;

/** Source wording as quoted in a message: on one line, cut to {@link MAX_QUOTED_WORDING} characters. */
export function quotedWording(text: string): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), MAX_QUOTED_WORDING);
}

/** Several pieces of wording joined by `separator`, the whole cut like {@link quotedWording}. */
export function quotedList(items: readonly string[], separator: string): string {
  return clipText(items.map((i) => i.replace(/\s+/g, ' ').trim()).join(separator), MAX_QUOTED_WORDING * 2);
}

/**
 * A finding's message, suggestion and diff as they leave the engine: the
 * message on one line and at most {@link MAX_MESSAGE_LENGTH} characters; the
 * suggestion kept only when it is at most twice the claim's length (plus a
 * little): it replaces the claim's words, so it is never cut (a cut
 * replacement would delete words); all of it display-safe.
 */
export function finishText<F extends Pick<Finding, 'message' | 'suggestion' | 'diff'> & { span: TextSpan }>(finding: F): F {
  const out: F = { ...finding, message: displaySafe(clipText(finding.message.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_LENGTH)) };
  if (finding.suggestion !== undefined) {
    const claimLength = finding.span.end - finding.span.start;
    if (finding.suggestion.length > 2 * claimLength + SUGGESTION_SLACK) delete out.suggestion;
    else out.suggestion = displaySafe(finding.suggestion);
  }
  if (finding.diff) out.diff = finding.diff.map((d): WordDiffPart => ({ kind: d.kind, text: displaySafe(d.text) }));
  return out;
}
