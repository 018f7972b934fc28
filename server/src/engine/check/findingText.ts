/**
 * The text of a finding, bounded and made safe. A message embeds source
 * wording (a passage, a role, a speaker's name), and corpus text is untrusted:
 * a judge quotes it through {@link quotedWording} (one line, a bounded
 * length), and the checker passes every finding through {@link finishText}
 * (one place) before it leaves the engine: the message one readable sentence
 * of bounded length, the suggestion dropped when it is no correction of the
 * claim's size, control and bidi characters made visible and inert. Messages
 * are one short sentence a reporter reads in a hover (no diff markup, no
 * internal keywords): {@link describeChanges} and {@link fromTo} word them.
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
export function finishText<F extends Pick<Finding, 'message' | 'suggestion' | 'diff' | 'attribution'> & { span: TextSpan }>(finding: F): F {
  const out: F = { ...finding, message: displaySafe(clipText(finding.message.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_LENGTH)) };
  if (finding.suggestion !== undefined) {
    const claimLength = finding.span.end - finding.span.start;
    if (finding.suggestion.length > 2 * claimLength + SUGGESTION_SLACK) delete out.suggestion;
    else out.suggestion = displaySafe(finding.suggestion);
  }
  if (finding.diff) out.diff = finding.diff.map((d): WordDiffPart => ({ kind: d.kind, text: displaySafe(d.text) }));
  if (finding.attribution) {
    // Speakers' names are read from corpus text: one line, bounded, inert; at most a handful.
    const name = (n: string) => displaySafe(quotedWording(n));
    out.attribution = { draftSpeaker: name(finding.attribution.draftSpeaker), sourceSpeakers: finding.attribution.sourceSpeakers.slice(0, 5).map(name) };
  }
  return out;
}

/** Most characters of each side of a change named in a message. */
const MAX_CHANGE_SIDE = 40;
/** Changes named in a message before "and N more". */
const MAX_CHANGES_NAMED = 3;

/** Wording quoted in a short message: `'…'`, one line, cut to `max` characters. */
export function quoted(text: string, max = MAX_CHANGE_SIDE): string {
  return `'${clipText(text.replace(/\s+/g, ' ').trim(), max)}'`;
}

/** A replacement named in a message: `'draft' → 'source'`. */
export function fromTo(draft: string, source: string): string {
  return `${quoted(draft)} → ${quoted(source)}`;
}

/**
 * The changes of a word diff (draft → source) as a short phrase for a
 * message: `'talks' → 'negotiations'`, `'very' added`, `'in Hanoi' left out`,
 * at most three named, then "and N more". Never the diff's markup.
 */
export function describeChanges(diff: readonly WordDiffPart[]): string {
  const changes: string[] = [];
  let draft: string[] = [];
  let source: string[] = [];
  const flush = () => {
    const d = draft.join(' ');
    const s = source.join(' ');
    if (d && s) changes.push(fromTo(d, s));
    else if (d) changes.push(`${quoted(d)} added`);
    else if (s) changes.push(`${quoted(s)} left out`);
    draft = [];
    source = [];
  };
  for (const part of diff) {
    const words = part.text.trim();
    if (part.kind === 'same') {
      if (words) flush();
    } else if (words) {
      (part.kind === 'added' ? draft : source).push(words);
    }
  }
  flush();
  if (changes.length === 0) return 'punctuation or spacing only';
  const named = changes.slice(0, MAX_CHANGES_NAMED).join(', ');
  const more = changes.length - MAX_CHANGES_NAMED;
  return more > 0 ? `${named} and ${more} more change${more === 1 ? '' : 's'}` : named;
}
