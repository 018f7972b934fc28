import type { DateMention, Evidence, TextSpan } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import type { DateEntry } from '../index/dateTable';
import { compareDateValues, eventMatchKeys, firmlySameEvent, formatDateValue, SAME_EVENT_MIN_SCORE, sameEvent } from '../match/compareDates';
import type { DraftFinding } from './finding';

/**
 * Corpus dates that speak of the same event as `mention`, best first. All of
 * them count: a draft date is wrong only when none of them agrees with it
 * (a source may give several dates that fit one description).
 */
function sameEventDates(index: CorpusIndex, mention: DateMention): Array<{ entry: DateEntry; score: number }> {
  const candidates = new Set<number>();
  for (const w of eventMatchKeys(mention.eventWords)) for (const i of index.dates.byEventWord.get(w) ?? []) candidates.add(i);
  const scored: Array<{ entry: DateEntry; score: number }> = [];
  for (const i of candidates) {
    const entry = index.dates.entries[i];
    const score = sameEvent(mention, entry.mention);
    if (score >= SAME_EVENT_MIN_SCORE) scored.push({ entry, score });
  }
  // Best event match first; among equals, the more precise date (it makes the better suggestion).
  return scored.sort((a, b) => b.score - a.score || precision(b.entry.mention) - precision(a.entry.mention));
}

function precision(m: DateMention): number {
  return (m.value?.year !== undefined ? 1 : 0) + (m.value?.month !== undefined ? 1 : 0) + (m.value?.day !== undefined ? 1 : 0);
}

function relativeVerdict(draft: DateMention, source: DateMention): 'same' | 'different' | 'unknown' {
  const a = draft.relative;
  const b = source.relative;
  if (!a || !b || a.direction !== b.direction) return 'unknown';
  return a.unit === b.unit && a.amount === b.amount ? 'same' : a.unit === b.unit ? 'different' : 'unknown';
}

/** Checks each date of the draft that is tied to an event against the dates the corpus gives that event. */
export function checkDates(dates: readonly DateMention[], index: CorpusIndex, quotes: readonly TextSpan[] = [], maxEvidence = 5): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const mention of dates) {
    if (mention.eventWords.length === 0 || (!mention.value && !mention.relative)) continue;
    // A date inside a quotation is the speaker's wording; the quotation check judges it.
    if (quotes.some((q) => q.start <= mention.span.start && mention.span.end <= q.end)) continue;
    const same: DateEntry[] = [];
    const different: DateEntry[] = [];
    for (const { entry } of sameEventDates(index, mention)) {
      const verdict = mention.relative
        ? relativeVerdict(mention, entry.mention)
        : entry.mention.value
          ? compareDateValues(mention.value!, entry.mention.value)
          : 'unknown';
      if (verdict === 'same') same.push(entry);
      else if (verdict === 'different' && firmlySameEvent(mention, entry.mention)) different.push(entry);
    }
    const evidenceOf = (entries: DateEntry[]): Evidence[] =>
      entries.slice(0, maxEvidence).map((e) => index.evidenceForSpan(e.article, e.mention.span));
    if (same.length > 0) {
      out.push({ code: 'date-verified', span: mention.span, message: `The sources give this date for ${eventLabel(mention)}.`, evidence: evidenceOf(same) });
    } else if (different.length > 0) {
      // Suggest a date as precise as the draft's, from the best-matching source that has one.
      const source = (different.find((e) => precision(e.mention) >= precision(mention)) ?? different[0]).mention;
      const suggestion = mention.relative || !source.value ? source.text : formatDateValue(source.value);
      out.push({
        code: 'date-mismatch',
        span: mention.span,
        message: `The sources give ${suggestion} for ${eventLabel(mention)}, not ${mention.text}.`,
        suggestion,
        evidence: evidenceOf(different),
      });
    }
  }
  return out;
}

function eventLabel(mention: DateMention): string {
  return `this event (${mention.eventWords.slice(0, 4).join(', ')})`;
}
