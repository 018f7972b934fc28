/**
 * The words that tie a date to an event: places ("singapore", "panmunjom")
 * and event nouns ("summit", "meet", "election").
 *
 * A date in a draft is only comparable with a date in a source when both speak
 * of the same event; these words are what {@link ../match/compareDates!sameEvent}
 * compares. Every word emitted here is either a place phrase or an event
 * lemma from {@link EVENT_LEXICON}, so the matcher can tell the two apart from
 * the strings alone: anything that is not an event lemma is a place.
 */

import type { SentenceSpan, TextSpan } from '../types';
import { normalizeWord, STOPWORDS, tokenize, type WordToken } from '../text/tokens';
import { MONTH_WORDS, WEEKDAY_WORDS } from '../text/calendar';

/** An event word's lemma and how much it says about which event is meant. */
export interface EventLemma {
  lemma: string;
  /** 2 = a specific kind of event (summit, election); 1 = generic (met, held, said-like). */
  weight: number;
}

/** One inflected form of an event word. */
export interface EventForm extends EventLemma {
  /** True for noun forms, after which a capitalised word names where the event was ("the Singapore summit"). */
  takesPlaceModifier: boolean;
}

// lemma:weight, then the noun forms a place can modify ("the Singapore summit";
// not "Kim met"), then after "|" the other forms that map to the lemma. Forms
// are explicit rather than stemmed so that "met" → "meet" works and "states"
// never becomes "state".
const LEXICON_TABLE = `
summit:2 summit summits |
talk:2 talks | talked talking
meet:1 meeting meetings | met meets
agreement:2 agreement agreements |
agree:1 | agreed agrees agreeing
deal:2 deal | deals
treaty:2 treaty treaties |
accord:2 accord accords |
pact:2 pact pacts |
declaration:2 declaration declarations |
election:2 election elections | elected elect electoral
referendum:2 referendum referendums |
vote:1.5 vote | votes voted voting
war:2 war wars |
invasion:2 invasion invasions | invaded invade
attack:2 attack | attacks attacked
bombing:2 bombing bombings | bombed
ceasefire:2 ceasefire ceasefires |
armistice:2 armistice |
coup:2 coup coups |
protest:2 protest | protests protested
strike:2 strike | strikes
visit:2 visit | visits visited visiting
trip:2 trip trips |
tour:1.5 tour | tours toured
letter:2 letter letters |
briefing:2 briefing briefings | briefed
conference:2 conference conferences |
negotiation:2 negotiation negotiations | negotiate negotiated negotiating
interview:2 interview interviews | interviewed
speech:2 speech speeches |
address:1 | addressed
announcement:1.5 announcement announcements | announced announce announces
statement:1 statement statements |
report:1 | reported reports
inauguration:2 inauguration | inaugurated inaugural
office:1.5 | offices
resignation:2 resignation | resigned resign resigns
appointment:2 appointment | appointed appoint
nomination:2 nomination | nominated nominee
trial:2 trial trials |
verdict:2 verdict verdicts |
ruling:2 ruling rulings | ruled
hearing:2 hearing hearings |
arrest:2 arrest | arrests arrested
raid:2 raid | raids raided
shooting:2 shooting shootings |
explosion:2 explosion explosions | exploded
crash:2 crash | crashes crashed
earthquake:2 earthquake earthquakes | quake quakes
flood:2 flood | floods flooding flooded
storm:2 storm | storms
hurricane:2 hurricane hurricanes |
olympics:2 olympics | olympic
tournament:2 tournament tournaments |
funeral:2 funeral funerals |
death:2 death | died dies
birth:2 birth | born
launch:2 launch | launches launched
test:1.5 test | tests tested testing
sanction:2 sanction | sanctions sanctioned
deployment:2 deployment | deployed deploy
merger:2 merger mergers | merged merge
acquisition:2 acquisition acquisitions | acquired acquire
takeover:2 takeover takeovers |
bid:1.5 bid | bids
offer:1.5 offer | offers offered
dividend:2 dividend dividends |
earnings:2 earnings |
shipment:2 shipment shipments | shipped
harvest:2 harvest | harvests harvested
campaign:2 campaign | campaigns
debate:2 debate | debates
sign:1 | signed signing signs
hold:1 | held holds holding
`;

function buildLexicon(): ReadonlyMap<string, EventForm> {
  const forms = new Map<string, EventForm>();
  for (const line of LEXICON_TABLE.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const [nounPart, otherPart = ''] = trimmed.split('|');
    const [head, ...nounForms] = nounPart.trim().split(/\s+/);
    const [lemma, weight] = head.split(':');
    const entry: EventLemma = { lemma, weight: Number(weight) };
    for (const form of [lemma, ...otherPart.trim().split(/\s+/).filter(Boolean)]) forms.set(form, { ...entry, takesPlaceModifier: false });
    for (const form of nounForms) forms.set(form, { ...entry, takesPlaceModifier: true });
  }
  return forms;
}

/** Inflected form (normalised) → its event lemma. */
export const EVENT_LEXICON: ReadonlyMap<string, EventForm> = buildLexicon();

/** Event lemmas by lemma (the words {@link eventWordsForDates} emits). */
export const EVENT_LEMMAS: ReadonlyMap<string, EventLemma> = new Map(
  [...EVENT_LEXICON.values()].map((e) => [e.lemma, { lemma: e.lemma, weight: e.weight }] as const),
);

/** The event lemma of a normalised word, if it is an event word. */
export function eventLemma(norm: string): EventLemma | undefined {
  return EVENT_LEXICON.get(norm);
}


/** True for month names and their abbreviations (normalised). */
export function isMonthWord(norm: string): boolean {
  return MONTH_WORDS.has(norm);
}

// Words that start a person's title: a capitalised phrase beginning with one is a person, not a place.
const TITLE_WORDS = new Set(
  ('president chairman chairwoman mr mrs ms dr prime minister secretary general gen sen senator rep representative ' +
    'governor king queen prince princess pope premier chancellor leader ambassador professor prof spokesperson ' +
    'spokesman spokeswoman judge justice lord lady sir chief director commissioner mayor vice deputy envoy ' +
    'chairperson comrade marshal admiral colonel col captain capt lt sgt').split(' '),
);

// Prepositions after which a capitalised phrase names where something happened.
// Verbs of travel count too: "visited Moscow", "left Hanoi".
const LOCATIVE = new Set(
  'in at near outside inside across into within visit visits visited visiting toured left leaves leaving reached'.split(' '),
);
// Weaker locatives ("a letter to Kim"): only followed by a known place name.
const WEAK_LOCATIVE = new Set('to from toward towards via'.split(' '));

/**
 * Larger places that contain a smaller one, so that "the Vietnam summit" and
 * "the summit in Hanoi" share a place. Kept to places news about diplomacy,
 * markets and conflicts names often; an unknown place still matches itself.
 */
export const PLACE_PARENTS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['hanoi', ['vietnam']], ['ho chi minh city', ['vietnam']], ['da nang', ['vietnam']],
  ['panmunjom', ['north korea', 'south korea', 'korea']], ['dmz', ['north korea', 'south korea', 'korea']],
  ['pyongyang', ['north korea', 'korea']], ['yongbyon', ['north korea', 'korea']],
  ['seoul', ['south korea', 'korea']], ['busan', ['south korea', 'korea']],
  ['north korea', ['korea']], ['south korea', ['korea']],
  ['sentosa', ['singapore']],
  ['tokyo', ['japan']], ['osaka', ['japan']], ['beijing', ['china']], ['shanghai', ['china']],
  ['hong kong', ['china']], ['taipei', ['taiwan']], ['moscow', ['russia']], ['vladivostok', ['russia']],
  ['st petersburg', ['russia']], ['kyiv', ['ukraine']], ['kiev', ['ukraine']], ['minsk', ['belarus']],
  ['washington', ['united states']], ['new york', ['united states']], ['manhattan', ['new york', 'united states']],
  ['camp david', ['united states']], ['white house', ['washington', 'united states']],
  ['us', ['united states']], ['usa', ['united states']], ['america', ['united states']],
  ['london', ['britain', 'united kingdom', 'uk']], ['britain', ['united kingdom', 'uk']],
  ['uk', ['united kingdom', 'britain']], ['paris', ['france']], ['berlin', ['germany']], ['bonn', ['germany']],
  ['frankfurt', ['germany']], ['rome', ['italy']], ['madrid', ['spain']], ['brussels', ['belgium']],
  ['geneva', ['switzerland']], ['davos', ['switzerland']], ['zurich', ['switzerland']], ['vienna', ['austria']],
  ['helsinki', ['finland']], ['stockholm', ['sweden']], ['oslo', ['norway']], ['copenhagen', ['denmark']],
  ['the hague', ['netherlands']], ['amsterdam', ['netherlands']], ['warsaw', ['poland']], ['athens', ['greece']],
  ['ankara', ['turkey']], ['istanbul', ['turkey']], ['tehran', ['iran']], ['baghdad', ['iraq']],
  ['damascus', ['syria']], ['jerusalem', ['israel']], ['tel aviv', ['israel']], ['cairo', ['egypt']],
  ['riyadh', ['saudi arabia']], ['doha', ['qatar']], ['dubai', ['united arab emirates', 'uae']],
  ['abu dhabi', ['united arab emirates', 'uae']], ['kabul', ['afghanistan']], ['islamabad', ['pakistan']],
  ['new delhi', ['india']], ['delhi', ['india']], ['mumbai', ['india']], ['bangkok', ['thailand']],
  ['jakarta', ['indonesia']], ['bali', ['indonesia']], ['manila', ['philippines']], ['kuala lumpur', ['malaysia']],
  ['ulaanbaatar', ['mongolia']], ['canberra', ['australia']], ['sydney', ['australia']], ['ottawa', ['canada']],
  ['toronto', ['canada']], ['mexico city', ['mexico']], ['brasilia', ['brazil']], ['buenos aires', ['argentina']],
  ['havana', ['cuba']], ['caracas', ['venezuela']], ['nairobi', ['kenya']], ['pretoria', ['south africa']],
  ['johannesburg', ['south africa']], ['lagos', ['nigeria']], ['abuja', ['nigeria']],
]);

/** A place phrase and the larger places it lies in (itself first). */
export function placeKeys(place: string): string[] {
  return [place, ...(PLACE_PARENTS.get(place) ?? [])];
}

/** A date's span in the text, and the sentence it stands in. */
export interface DatedSpan {
  span: TextSpan;
  sentence: SentenceSpan;
}

// How far from the date the sentence's event nouns are still read, so that a
// whole text passed as one sentence does not give every date every event.
const EVENT_WINDOW = 300;

/**
 * Event words for each date: places from the date's own clause (the part of
 * the sentence between the neighbouring dates, split at the first comma or
 * conjunction after the previous date), plus the event nouns of the sentence
 * near the date. `dates` must be sorted by start; the result is parallel to it.
 */
export function eventWordsForDates(text: string, dates: readonly DatedSpan[]): string[][] {
  const result: string[][] = [];
  // Dates and quotations of the sentence being read, computed once per sentence.
  let group: { sentenceStart: number; dateSpans: TextSpan[]; quotes: TextSpan[] } | undefined;
  for (let i = 0; i < dates.length; i++) {
    const { span, sentence } = dates[i];
    if (group?.sentenceStart !== sentence.start) {
      group = {
        sentenceStart: sentence.start,
        dateSpans: datesOfSentence(dates, i).map((d) => d.span),
        quotes: quotedSpans(text, sentence),
      };
    }
    const prev = i > 0 && dates[i - 1].sentence.start === sentence.start ? dates[i - 1] : undefined;
    const next = i + 1 < dates.length && dates[i + 1].sentence.start === sentence.start ? dates[i + 1] : undefined;
    const clauseStart = prev ? splitBetween(text, prev.span.end, span.start).after : sentence.start;
    const clauseEnd = next ? splitBetween(text, span.end, next.span.start).before : sentence.end;
    const { dateSpans } = group;
    // A quotation beside the date is what was said then, not what happened then
    // ("during a briefing on the 11th, "... progress achieved in Singapore"").
    const otherQuotes = group.quotes.filter((q) => !(q.start <= span.start && span.end <= q.end));
    const skipped = [...dateSpans, ...otherQuotes];
    // The date's own words count as events ("four months after taking office" → "office").
    const skippedForEvents = [...dateSpans.filter((d) => d.start !== span.start), ...otherQuotes];

    const places = findPlaces(text, { start: clauseStart, end: clauseEnd }, sentence, skipped);
    const winStart = Math.max(sentence.start, span.start - EVENT_WINDOW);
    const winEnd = Math.min(sentence.end, span.end + EVENT_WINDOW);
    const events = new Set<string>();
    for (const tok of tokenize(text, winStart, winEnd)) {
      if (inAnySpan(tok.start, skippedForEvents)) continue;
      const entry = EVENT_LEXICON.get(tok.norm);
      if (entry) events.add(entry.lemma);
    }
    result.push([...new Set([...places, ...events])]);
  }
  return result;
}

/**
 * The dates standing in the sentence of `dates[i]`, in order. Dates are sorted
 * and sentences do not overlap, so they stand together around `i`: filtering
 * the whole list for each sentence made a long article quadratic.
 */
function datesOfSentence(dates: readonly DatedSpan[], i: number): DatedSpan[] {
  const start = dates[i].sentence.start;
  let from = i;
  while (from > 0 && dates[from - 1].sentence.start === start) from--;
  let to = i + 1;
  while (to < dates.length && dates[to].sentence.start === start) to++;
  return dates.slice(from, to);
}

/** Quotations inside a sentence (paired straight or curly double quotes). */
function quotedSpans(text: string, sentence: SentenceSpan): TextSpan[] {
  const out: TextSpan[] = [];
  const re = /“[^”]*”|"[^"]*"/g;
  const sent = text.slice(sentence.start, sentence.end);
  for (let m = re.exec(sent); m !== null; m = re.exec(sent)) {
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
  }
  return out;
}

// Commas, semicolons, dashes, question marks standing in for dashes ("times?in"),
// and coordinating conjunctions end a date's clause.
const CLAUSE_BREAK = /[,;:()?!—–]|\s-\s|\b(?:and|but|or|while|whereas|then)\b/;

/**
 * Splits the text between two dates: words before the first clause break
 * belong to the earlier date ("June 2018 in Singapore, in February 2019"),
 * the rest to the later one. Without a break both dates get all of it.
 */
function splitBetween(text: string, from: number, to: number): { before: number; after: number } {
  const gap = text.slice(from, to);
  const m = CLAUSE_BREAK.exec(gap);
  if (!m) return { before: to, after: from };
  return { before: from + m.index, after: from + m.index + m[0].length };
}

function isCapitalised(raw: string): boolean {
  return /^\p{Lu}/u.test(raw);
}

function inAnySpan(pos: number, spans: readonly TextSpan[]): boolean {
  return spans.some((s) => pos >= s.start && pos < s.end);
}

/** A capitalised word that may be part of a place name. */
function isPlaceWord(text: string, tok: WordToken, skipped: readonly TextSpan[]): boolean {
  const raw = text.slice(tok.start, tok.end);
  if (!isCapitalised(raw)) return false;
  if (inAnySpan(tok.start, skipped)) return false;
  if (MONTH_WORDS.has(tok.norm) || WEEKDAY_WORDS.has(tok.norm) || /^\d/.test(tok.norm)) return false;
  // "The", "In" at a sentence's start; "US" is kept (it normalises to the stopword "us").
  if (STOPWORDS.has(tok.norm) && !/^U\.?S\.?$/.test(raw)) return false;
  // Capitalised event words ("Summit talks", headline case) are events, not places.
  if (EVENT_LEXICON.has(tok.norm)) return false;
  // Possessives name owners ("Kim's visit"), not places.
  if (/['’]s$/.test(raw)) return false;
  return true;
}

function onlySpaceBetween(text: string, a: number, b: number): boolean {
  return /^[ \t\u00a0]*$/.test(text.slice(a, b));
}

/**
 * Places in a clause: a capitalised phrase after a locative preposition
 * ("in Singapore", "at the White House"), or right before an event noun
 * ("the Vietnam summit", "the 2018 Singapore agreement"). Hyphenated pairs
 * ("North Korea-US summit") name the parties, not the place, and are skipped.
 */
function findPlaces(text: string, clause: TextSpan, sentence: SentenceSpan, skipped: readonly TextSpan[]): string[] {
  const toks = tokenize(text, clause.start, clause.end);
  const out: string[] = [];
  const used = new Set<number>();

  const phraseFrom = (i: number): { words: WordToken[]; next: number } => {
    const words: WordToken[] = [];
    let j = i;
    while (j < toks.length && words.length < 4 && isPlaceWord(text, toks[j], skipped)) {
      if (words.length > 0 && !onlySpaceBetween(text, toks[j - 1].end, toks[j].start)) break;
      words.push(toks[j]);
      j++;
    }
    return { words, next: j };
  };

  const emit = (words: WordToken[]): void => {
    const first = words[0];
    if (TITLE_WORDS.has(first.norm)) return;
    const rawWords = words.map((w) => text.slice(w.start, w.end));
    if (rawWords.some((w) => /\p{L}[-‐‑]\p{Lu}/u.test(w))) return;
    const phrase = words.map((w) => placeNorm(text.slice(w.start, w.end))).join(' ');
    if (phrase && !(words.length === 1 && STOPWORDS.has(phrase) && phrase !== 'us')) out.push(phrase);
  };

  for (let i = 0; i < toks.length; i++) {
    if (used.has(i)) continue;
    const tok = toks[i];
    // Rule 1: after a locative preposition, optionally with "the" between.
    if (LOCATIVE.has(tok.norm) || WEAK_LOCATIVE.has(tok.norm)) {
      let j = i + 1;
      if (j < toks.length && toks[j].norm === 'the') j++;
      if (j < toks.length && onlySpaceBetween(text, toks[j - 1].end, toks[j].start)) {
        const { words, next } = phraseFrom(j);
        if (words.length > 0) {
          const phrase = words.map((w) => placeNorm(text.slice(w.start, w.end))).join(' ');
          if (LOCATIVE.has(tok.norm) || PLACE_PARENTS.has(phrase) || isKnownCountry(phrase)) emit(words);
          for (let k = j; k < next; k++) used.add(k);
          i = next - 1;
          continue;
        }
      }
    }
    // Rule 2: a capitalised phrase directly before an event noun. The first
    // word of the sentence counts only when the phrase is more than that word.
    if (isPlaceWord(text, tok, skipped)) {
      const { words, next } = phraseFrom(i);
      const after = toks[next];
      if (
        after &&
        onlySpaceBetween(text, toks[next - 1].end, after.start) &&
        EVENT_LEXICON.get(after.norm)?.takesPlaceModifier &&
        !(tok.start === sentence.start && words.length === 1 && !PLACE_PARENTS.has(tok.norm))
      ) {
        emit(words);
      }
      i = next - 1;
    }
  }
  return out;
}

/** Normalises a word of a place name; "U.S." and "US" both become "us". */
function placeNorm(raw: string): string {
  return normalizeWord(raw);
}

function isKnownCountry(phrase: string): boolean {
  for (const parents of PLACE_PARENTS.values()) if (parents.includes(phrase)) return true;
  return false;
}

/** Event lemmas that all name a meeting: a summit, talks and a visit can be the same event. */
export const MEETING_LIKE = new Set(['summit', 'meet', 'talk', 'negotiation', 'conference', 'visit', 'trip']);

/**
 * Keys under which to index a date mention (and to look it up) so that every
 * pair {@link sameEvent} can score above 0 shares at least one key: its words,
 * the larger places its places lie in ("hanoi" → "vietnam"), and for a
 * meeting-like event all meeting-like lemmas ("summit" → "meet", "talk"...).
 */
export function eventMatchKeys(eventWords: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const w of eventWords) {
    if (!EVENT_LEMMAS.has(w)) for (const k of placeKeys(w)) keys.add(k);
    else if (MEETING_LIKE.has(w)) for (const k of MEETING_LIKE) keys.add(k);
    else keys.add(w);
  }
  return [...keys];
}
