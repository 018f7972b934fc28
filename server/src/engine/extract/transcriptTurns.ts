/**
 * A transcript's turns as facts: each labelled turn is a quotation of its
 * speaker, so the quote check verifies a draft's quote found in it **as words
 * of that speaker** (and calls it misattributed when the draft gives them to
 * someone else) through the same look-up as for quotes in articles. A
 * speaker label that reads as a person's name is also a mention of that
 * person (the name check knows the interviewee), and stands as a sentence of
 * its own, so a cited sentence is the speaker's words without the label.
 */
import type { ExtractedFacts, QuoteMention, SentenceSpan, TextSpan, Transcript, TranscriptTurn } from '../types';

/** The cue of a turn quotation (what `QuoteMention.cue` says for a quotation taken from a transcript turn). */
export const TRANSCRIPT_CUE = 'transcript turn';

/** Labels that name a role in the recording, not a person. */
const ROLE_LABELS = new Set(['speaker', 'interviewer', 'interviewee', 'host', 'guest', 'reporter', 'moderator', 'audience', 'unknown', 'caller', 'narrator', 'male', 'female', 'voice', 'participant', 'respondent', 'q', 'a']);

/**
 * The facts of a transcript article: those extracted from its text, plus a
 * quotation per labelled turn (split around quotations the speaker quotes
 * from others, which keep their own speakers), a person mention per
 * name-like label, and sentences split after each label.
 */
export function withTranscriptTurns(text: string, facts: ExtractedFacts, transcript: Transcript): ExtractedFacts {
  const labelled = transcript.turns.filter((t): t is TranscriptTurn & { speaker: string; label: TextSpan } => t.speaker !== undefined && t.label !== undefined);
  const quotes = [...facts.quotes];
  for (const turn of labelled) {
    const inner = facts.quotes.filter((q) => q.outerSpan.start >= turn.span.start && q.outerSpan.end <= turn.span.end);
    for (const span of outside(turn.span, inner.map((q) => q.outerSpan))) quotes.push(turnQuote(turn, span, text));
  }
  const people = [...facts.people];
  const taken = new Set(facts.people.map((p) => `${p.span.start}:${p.span.end}`));
  for (const turn of labelled) {
    if (!isPersonLabel(turn.speaker) || taken.has(`${turn.label.start}:${turn.label.end}`)) continue;
    people.push({ text: turn.speaker, span: { ...turn.label }, fullName: turn.speaker, cue: 'speaker' });
  }
  people.sort((a, b) => a.span.start - b.span.start);
  return { sentences: splitAtLabels(facts.sentences, labelled), quotes, people, dates: facts.dates };
}

function turnQuote(turn: TranscriptTurn & { speaker: string; label: TextSpan }, span: TextSpan, text: string): QuoteMention {
  return {
    span,
    outerSpan: { ...span },
    text: text.slice(span.start, span.end),
    speaker: { text: turn.speaker, span: { ...turn.label }, resolved: turn.speaker, isOrganisation: false },
    cue: TRANSCRIPT_CUE,
  };
}

/** The parts of `span` outside the `holes`. */
function outside(span: TextSpan, holes: readonly TextSpan[]): TextSpan[] {
  const sorted = [...holes].sort((a, b) => a.start - b.start);
  const out: TextSpan[] = [];
  let from = span.start;
  for (const h of sorted) {
    if (h.start > from) out.push({ start: from, end: h.start });
    from = Math.max(from, h.end);
  }
  if (span.end > from) out.push({ start: from, end: span.end });
  return out;
}

/** Whether a speaker label reads as a person's name (two or more capitalised words, no number, not a role). */
export function isPersonLabel(label: string): boolean {
  const words = label.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  if (ROLE_LABELS.has(words[0].toLowerCase())) return false;
  return words.every((w) => /^\p{Lu}[\p{L}'’.\-]*$/u.test(w) || /^(?:de|van|von|der|bin|al|la|le|da)$/.test(w));
}

/** Sentences with the `Speaker:` label of each turn cut off as a sentence of its own. */
function splitAtLabels(sentences: readonly SentenceSpan[], turns: ReadonlyArray<{ label: TextSpan; span: TextSpan }>): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let t = 0;
  for (const s of sentences) {
    while (t < turns.length && turns[t].span.start <= s.start) t++;
    // The turn whose words start inside this sentence (after its label).
    const turn = t < turns.length && turns[t].label.start >= s.start && turns[t].span.start < s.end ? turns[t] : undefined;
    if (!turn) {
      out.push(s);
      continue;
    }
    out.push({ start: s.start, end: turn.label.end });
    out.push({ start: turn.span.start, end: s.end });
  }
  return out;
}
