import type { DateMention, Evidence, TextSpan } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import type { DateEntry } from '../index/dateTable';
import { compareDateValues, formatDateValue, sameEvent } from '../match/compareDates';
import type { DraftFinding } from './finding';

/** Least {@link sameEvent} score for two dates to count as dates of one event. */
const MIN_EVENT_SCORE = 0.5;
/** Candidates whose event score is within this share of the best are weighed together. */
const NEAR_BEST = 0.85;

/** Corpus dates that speak of the same event as `mention`, best first. */
function sameEventDates(index: CorpusIndex, mention: DateMention): Array<{ entry: DateEntry; score: number }> {
  const candidates = new Set<number>();
  for (const w of mention.eventWords) for (const i of index.dates.byEventWord.get(w) ?? []) candidates.add(i);
  const scored: Array<{ entry: DateEntry; score: number }> = [];
  for (const i of candidates) {
    const entry = index.dates.entries[i];
    const score = sameEvent(mention, entry.mention);
    if (score >= MIN_EVENT_SCORE) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score);
  if (scored.length === 0) return scored;
  const floor = scored[0].score * NEAR_BEST;
  return scored.filter((s) => s.score >= floor);
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
      else if (verdict === 'different') different.push(entry);
    }
    const evidenceOf = (entries: DateEntry[]): Evidence[] =>
      entries.slice(0, maxEvidence).map((e) => index.evidenceForSpan(e.article, e.mention.span));
    if (same.length > 0) {
      out.push({ code: 'date-verified', span: mention.span, message: `The sources give this date for ${eventLabel(mention)}.`, evidence: evidenceOf(same) });
    } else if (different.length > 0) {
      const source = different[0].mention;
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
