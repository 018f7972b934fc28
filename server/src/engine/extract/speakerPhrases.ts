/**
 * The speaker phrase next to a cue: the subject before a verb (past
 * appositions, party tags, time phrases and adverbs), the subject after it
 * ("said Lankov"), a person mention, a capitalised name run the people
 * extractor missed, a lone surname, a pronoun, an organisation or an unnamed
 * description ("a senior official").
 */

import type { PersonMention, SpeakerMention } from '../types';
import { firstPersonIn, isDescriptorOnly, isPossessive, spanOf, type Context } from './attributionContext';
import { KNOWN_ORGS, KNOWN_PLACES, NATIONALITIES, NON_NAME_CAPITALS, PARTY_WORDS, ORG_HEADS, OTHER_PRONOUNS, PERSON_PRONOUNS, SPEECH_ADVERBS, isCapitalisedTitle, isRoleNoun } from './lexicon';
import { leadingOrg, trailingOrg } from './organisationSpeakers';
import { representedOrganisation } from './organisations';
import { pronounSpeaker } from './speakerReference';
import { writtenAsName } from './textNames';

/**
 * One capitalised word right before a speech verb, as its subject ("Fiorina,
 * speaking to Iowans, said", "“…,” Hennessey added"): the full name of the
 * person of the text with that surname, else the word itself. Not a word
 * that opens sentences (pronouns, plurals like "Officials"), a title, a
 * place or an organisation, and not a word opening its sentence unless it is
 * a known surname (sentence-initial capitals are not evidence of a name).
 */
function loneNameSpeaker(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const { text } = ctx;
  const m = /(?:^|[^\p{L}\p{N}.'’-])(\p{Lu}[\p{Ll}'’-]{2,})$/u.exec(text.slice(Math.max(from, end - 40), end));
  if (!m) return undefined;
  const word = m[1];
  const start = end - word.length;
  const lower = word.toLowerCase();
  if (NON_NAME_CAPITALS.has(lower) || KNOWN_PLACES.has(lower) || KNOWN_ORGS.has(lower) || ORG_HEADS.has(lower) || isCapitalisedTitle(word) || isRoleNoun(word) || PERSON_PRONOUNS.has(lower) || OTHER_PRONOUNS.has(lower)) return undefined;
  // A plural ("Officials said") is no name, unless the text writes the word as one ("support for Sanders") and it is
  // no party or nationality ("Democrats").
  if (/['’]s$/u.test(word)) return undefined;
  if (/s$/u.test(lower) && /^\p{Lu}\p{Ll}+s$/u.test(word) && !ctx.fullNameBySurname.has(lower) && (!writtenAsName(ctx, word) || isGroupPlural(lower))) return undefined;
  const full = ctx.fullNameBySurname.get(lower);
  if (!full && !writtenAsName(ctx, word) && (start === 0 || /(?:^|[.!?]["”’]?)\s*$/u.test(text.slice(Math.max(0, start - 3), start)) || /(?:[“‘]|(?:^|[\s(])")\s*$/u.test(text.slice(Math.max(0, start - 3), start)))) return undefined;
  return { text: word, span: spanOf(start, word), resolved: full ?? word };
}

/** A plural naming a party or nation's members ("democrats", "iranians"), lower-cased. */
function isGroupPlural(lower: string): boolean {
  return PARTY_WORDS.has(lower.slice(0, -1)) || NATIONALITIES.has(lower.slice(0, -1)) || PARTY_WORDS.has(lower) || NATIONALITIES.has(lower);
}

/**
 * One capitalised word opening a phrase, as a subject ("Sanders stepped up
 * …, saying"), when the text shows it is a name: the surname of a person it
 * names in full, or a word it writes capitalised mid-sentence and never in
 * lower case (`writtenAsName`). Not a pronoun, title, place, organisation
 * or possessor.
 */
function leadingLoneName(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  // Or the whole phrase before an apposition's comma ("“…,” Cruz, who has proposed …, said").
  const m = /^(\p{Lu}[\p{Ll}'’-]{2,})(?=[\s,]+\p{Ll}|\s*$)/u.exec(ctx.text.slice(from, Math.min(end, from + 60)));
  if (m && from + m[1].length <= end && !/^[\s,]+\p{Ll}/u.test(ctx.text.slice(from + m[1].length, end + 3)) && !/^\s*,\s*(?:who|whose)\s/u.test(ctx.text.slice(end, end + 8))) return undefined;
  if (!m || isPossessive(ctx.text, from + m[1].length) || /['’]s?$/u.test(m[1])) return undefined;
  const word = m[1];
  const lower = word.toLowerCase();
  if (NON_NAME_CAPITALS.has(lower) || KNOWN_PLACES.has(lower) || KNOWN_ORGS.has(lower) || ORG_HEADS.has(lower) || isCapitalisedTitle(word) || isRoleNoun(word) || PERSON_PRONOUNS.has(lower) || OTHER_PRONOUNS.has(lower)) return undefined;
  const full = ctx.fullNameBySurname.get(lower);
  if (!full && !writtenAsName(ctx, word)) return undefined;
  // A plural of a group ("Democrats", "Iranians") is no one's name, though written capitalised everywhere.
  if (!full && /s$/u.test(lower) && isGroupPlural(lower)) return undefined;
  return { text: word, span: spanOf(from, word), resolved: full ?? word };
}

/**
 * The subject of a speech verb at `vStart`, looking back to `from`. Skips
 * adverbs ("also") and appositions between commas ("Lankov, a professor at
 * Kookmin University, told"). With `leading`, a clause before a participle
 * ("Trump attacked Clinton, saying") gives its first noun phrase.
 * With `whole`, the text from `from` to the verb must be the subject alone.
 */
export function subjectBefore(ctx: Context, from: number, vStart: number, leading: boolean, whole = false): SpeakerMention | undefined {
  const { text } = ctx;
  // The sentence splitter does not split before a sentence opening with an age ("… is Trump. 81-year-old Parker
  // Eaton, …, said"): the subject's sentence starts there.
  const ageOpening = /[.!?]["”’]?\s+(?=\d{1,3}-year-old\s+\p{Lu})/gu;
  for (let m = ageOpening.exec(text.slice(from, vStart)); m; m = ageOpening.exec(text.slice(from, vStart))) {
    from += m.index + m[0].length;
    ageOpening.lastIndex = 0;
  }
  let end = vStart;
  // A party-and-state tag after the name is part of how it is written ("Sen. Elizabeth Warren (D-MA) said").
  const tag = PARTY_TAG_RE.exec(text.slice(Math.max(from, vStart - 40), vStart));
  if (tag) end -= tag[0].length;
  // A time phrase between subject and verb: "Feinstein last week said", "Cruz on Tuesday said", also after a party
  // tag ("Dianne Feinstein (D-Calif.) last week said").
  const when = TIME_PHRASE_RE.exec(text.slice(Math.max(from, end - 30), end));
  if (when) {
    end -= when[0].length;
    const tagBefore = tag ? undefined : PARTY_TAG_RE.exec(text.slice(Math.max(from, end - 40), end));
    if (tagBefore) end -= tagBefore[0].length;
  }
  // Drop adverbs and auxiliaries between subject and verb.
  for (;;) {
    const m = lastLetterWord(text, from, end);
    if (!m) break;
    const w = m.word.toLowerCase();
    if (!(SPEECH_ADVERBS.has(w) || CONNECTIVE_ADVERBS.has(w) && !/^\p{Lu}/u.test(m.word) || /ly$/.test(w) && w !== 'only' && !/^\p{Lu}/u.test(m.word))) break;
    end = from + m.at;
  }
  const piece = text.slice(from, end);
  // The clause right before the verb, after the last comma.
  const lastComma = piece.lastIndexOf(',');
  const verbPiece = piece.slice(lastComma + 1);
  if (verbPiece.trim().length > 0 && !leading) {
    const pieceStart = from + lastComma + 1;
    const sp = trailingSubject(ctx, pieceStart, end, whole);
    if (sp) return sp;
    if (whole) return undefined;
    if (lastComma < 0) return undefined;
  }
  if (whole && lastComma < 0) return undefined;
  // Walk back over appositions and adjuncts to the clause's subject.
  const pieces = piece.split(',');
  let offset = from;
  const starts = pieces.map((p) => {
    const s = offset;
    offset += p.length + 1;
    return s;
  });
  for (let k = pieces.length - (leading ? 1 : 2); k >= 0; k--) {
    const p = pieces[k];
    const trimmed = p.trimStart();
    if (trimmed.length === 0) continue;
    const pStart = starts[k] + (p.length - trimmed.length);
    // Appositions and adjuncts open with a lower-case word ("a professor", "when asked"), or are an age ("Clinton, 35,"),
    // or the state after a home town ("Harry Bond, 30, of Raleigh, N.C., who …").
    const stateAfterTown = k > 0 && /^\s*of\s+\p{Lu}/u.test(pieces[k - 1]) && /^(?:\p{Lu}[\p{Ll}]{0,4}\.|\p{Lu}\.\p{Lu}\.|\p{Lu}[\p{Ll}]+(?:\s\p{Lu}[\p{Ll}]+)?)\s*$/u.test(trimmed);
    if ((/^\p{Ll}/u.test(trimmed) && !PERSON_PRONOUNS.has(trimmed.split(/\s/)[0])) || /^\d{1,3}\s*$/.test(trimmed) || stateAfterTown) {
      // Before a participle, a clause whose subject opens with a lower-case title and ends with its verb is no
      // apposition: "Weighing in, former Arkansas Gov. Mike Huckabee agreed, praising …".
      if (leading) {
        const titled = leadingSubject(ctx, pStart, starts[k] + p.length);
        if (titled?.resolved && titled.span && !titled.isOrganisation && /^\s+\p{Ll}+(?:ed|s)\s*$/u.test(text.slice(titled.span.end, starts[k] + p.length))) return titled;
      }
      if (leading || k > 0) continue;
      return undefined;
    }
    const sp = leadingSubject(ctx, pStart, starts[k] + p.length);
    if (sp) return sp;
    if (!leading && k < pieces.length - 2) return undefined;
  }
  return undefined;
}

const SPACE_RE = /\s/u;
const LETTER_RE = /^\p{L}$/u;

/**
 * The last word of `text[from, end)` when it is all letters, stands after a
 * space (or at `from`) and only spaces follow it: `word`, and `at`, where
 * `/(?:^|\s)([\p{L}]+)\s*$/u` would match in the slice (the space before
 * it, or 0). Read backwards: that regex tried every offset of the slice, and
 * subjects are looked for behind every quotation.
 */
export function lastLetterWord(text: string, from: number, end: number): { word: string; at: number } | undefined {
  let j = end;
  while (j > from && SPACE_RE.test(text[j - 1])) j--;
  let i = j;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    // A letter outside the basic plane is two code units, both inside the slice.
    const width = c >= 0xdc00 && c <= 0xdfff && i - 2 >= from && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    if (!LETTER_RE.test(text.slice(i - width, i))) break;
    i -= width;
  }
  if (i === j) return undefined;
  if (i > from && !SPACE_RE.test(text[i - 1])) return undefined;
  return { word: text.slice(i, j), at: i > from ? i - 1 - from : 0 };
}

/** The person, name or organisation that `text[from, end)` consists of, if it is one. */
export function nameEndingAt(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  return trailingSubject(ctx, from, end, true);
}

/** The noun phrase ending at `end` (a person, pronoun or organisation), looking back to `from`. */
function trailingSubject(ctx: Context, from: number, end: number, whole: boolean): SpeakerMention | undefined {
  const { text } = ctx;
  const s = text.slice(from, end);
  const trimmedEnd = from + s.trimEnd().length;
  // "Mr. Morgan of the Sierra Club said", "Jeffrey Lewis of the James Martin Center wrote": the person, of a body.
  const ofBody = /^(\s*\S[\s\S]*?)\s+of\s+((?:the\s+)?\p{Lu}[^,;:]*)$/u.exec(s);
  if (ofBody && (/^the\s/u.test(ofBody[2]) || ofBody[2].split(/\s+/u).some((w) => ORG_HEADS.has(w.toLowerCase())))) {
    const holder = trailingSubject(ctx, from, from + ofBody[1].length, whole);
    if (holder?.resolved && !holder.isOrganisation) return holder;
  }
  const staff = spokesBodyEndingAt(ctx, from, trimmedEnd);
  if (staff && (!whole || isDescriptorOnly(text.slice(from, staff.span!.start)))) return staff;
  const person = firstPersonIn(ctx.people, from, trimmedEnd, (p) => p.span.end === trimmedEnd);
  if (person && (!whole || isDescriptorOnly(text.slice(from, person.span.start)))) return personSpeaker(person);
  const run = trailingNameRun(ctx, from, trimmedEnd);
  if (run && (!whole || isDescriptorOnly(text.slice(from, run.span!.start)))) return run;
  const lone = loneNameSpeaker(ctx, from, trimmedEnd);
  if (lone && (!whole || isDescriptorOnly(text.slice(from, lone.span!.start)))) return lone;
  const pron = /(?:^|\s)(\p{L}+)\s*$/u.exec(s);
  if (pron && (!whole || s.trim().toLowerCase() === pron[1].toLowerCase())) {
    const w = pron[1].toLowerCase();
    if (PERSON_PRONOUNS.has(w)) return pronounSpeaker(ctx, pron[1], from + pron.index + pron[0].indexOf(pron[1]));
    if (OTHER_PRONOUNS.has(w)) return { text: pron[1], span: spanOf(from + pron.index + pron[0].indexOf(pron[1]), pron[1]) };
  }
  if (ofBody && !/^the\s/u.test(ofBody[2])) {
    const holder = trailingSubject(ctx, from, from + ofBody[1].length, whole);
    if (holder?.resolved && !holder.isOrganisation) return holder;
  }
  const org = trailingOrg(text, from, trimmedEnd);
  if (org && (!whole || text.slice(from, org.start).trim() === '' || /^\s*(?:the|The)\s*$/.test(text.slice(from, org.start)))) return org.speaker;
  // An unnamed speaker: "a senior official", "the outlet", two descriptions of one person joined by "and" ("the
  // Florida senator and Republican presidential candidate").
  const np = /(?:^|\s)((?:a|an|the|one|another|his|her|their)\s+(?:[\p{L}.'’-]+\s+){0,4}(?:and\s+(?:[\p{L}.'’-]+\s+){0,4})?[\p{L}'’-]+)\s*$/iu.exec(s);
  if (np && (!whole || s.trim() === np[1])) {
    const start = from + np.index + np[0].indexOf(np[1]);
    return { text: np[1], span: spanOf(start, np[1]) };
  }
  return undefined;
}

// What speaks for a person: "Ryan’s office", "Sanders' campaign", "Trump's spokeswoman", "Cruz's lawyers".
const SPOKES_BODY = String.raw`(?:(?:presidential\s+|re-?election\s+|press\s+)?campaign|office|spokesman|spokeswoman|spokesperson|aides?|staff|team|lawyers?|attorneys?|press\s+secretary|camp)`;
const LEADING_SPOKES_RE = new RegExp(String.raw`^((?:[Tt]he\s+)?(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2})(?:['’]s?|s['’])\s+${SPOKES_BODY})(?![\p{L}])`, 'u');
const TRAILING_SPOKES_RE = new RegExp(String.raw`(?:^|[^\p{L}])((\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2})(?:['’]s?|s['’])\s+${SPOKES_BODY})\s*$`, 'u');

/**
 * A person's campaign, office or spokesperson ("Ryan’s office said", "the Sanders campaign said"): it speaks for
 * the person, who is the resolved speaker. Only for a person the text names (or a name it writes as one).
 */
function spokesBodyAt(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const s = ctx.text.slice(from, Math.min(end, from + 80));
  const m = LEADING_SPOKES_RE.exec(s) ?? /^((?:[Tt]he\s+)(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,1})\s+(?:campaign|camp))(?![\p{L}])/u.exec(s);
  return m ? spokesBody(ctx, from, m[1], m[2]) : undefined;
}

function spokesBodyEndingAt(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const m = TRAILING_SPOKES_RE.exec(ctx.text.slice(Math.max(from, end - 80), end));
  if (!m) return undefined;
  const start = end - m[0].length + m[0].indexOf(m[1]);
  return spokesBody(ctx, start, m[1], m[2]);
}

function spokesBody(ctx: Context, start: number, phrase: string, name: string): SpeakerMention | undefined {
  const words = name.split(/\s+/u);
  const last = words[words.length - 1].toLowerCase();
  const full = ctx.fullNameBySurname.get(last) ?? ctx.people.find((p) => p.fullName === name)?.fullName;
  if (!full && !(words.length === 1 && writtenAsName(ctx, words[0]) && !NON_NAME_CAPITALS.has(last) && !KNOWN_ORGS.has(last) && !KNOWN_PLACES.has(last) && !PARTY_WORDS.has(last) && !NATIONALITIES.has(last))) return undefined;
  return { text: phrase, span: spanOf(start, phrase), resolved: full ?? words[0] };
}

// Words showing a clause, not a description, between a name and a later person: a possessive determiner or a
// preposition ("Carly Fiorina threw her support behind Sen. Ted Cruz", "Hillary Clinton went on offense against
// Republican front-runner Donald Trump").
const OBJECT_CLAUSE_RE = /(?:^|\s)(?:his|her|their|its|on|against|behind|to|with|for|at|about|from|by|over|into)\s/u;

/**
 * A capitalised name run opening the phrase at `from` and followed by a
 * clause in which a later person stands as an object: that name is the
 * subject (the people extractor may have missed it, and the words before the
 * later person are no description of it).
 */
function nameRunBeforeObject(ctx: Context, from: number, personStart: number): SpeakerMention | undefined {
  // Most subjects are the person itself, right at `from`; a run needs two words and a clause before the person.
  if (personStart - from < 12) return undefined;
  const m = LEADING_NAME_RE.exec(ctx.text.slice(from, personStart));
  if (!m || /['’]s?$/u.test(m[1])) return undefined;
  const between = ctx.text.slice(from + m[1].length, personStart);
  if (!/^\s+\p{Ll}/u.test(between) || !OBJECT_CLAUSE_RE.test(between)) return undefined;
  return nameRunSpeaker(ctx, from, m[1]);
}

/** The noun phrase starting at `from` (a person, pronoun or organisation). */
export function leadingSubject(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const { text } = ctx;
  // A dateline before the subject ("Washington (AFP) – Democrat Hillary Clinton has …") is no part of it.
  const dateline = DATELINE_RE.exec(text.slice(from, Math.min(end, from + 80))) ?? CAPS_DATELINE_RE.exec(text.slice(from, Math.min(end, from + 80)));
  if (dateline) from += dateline[0].length;
  // An age before the name describes the person ("81-year-old Parker Eaton, a nominal Republican, said").
  const age = AGE_BEFORE_NAME_RE.exec(text.slice(from, Math.min(end, from + 20)));
  if (age) from += age[0].length;
  const s = text.slice(from, end);
  // A possessor is no subject: "Sanders's hometown paper wrote" is the paper speaking.
  const person = firstPersonIn(ctx.people, from, end, (p) => p.span.end <= end && isDescriptorOnly(text.slice(from, p.span.start)) && !isPossessive(text, p.span.end));
  if (person) return nameRunBeforeObject(ctx, from, person.span.start) ?? personSpeaker(person);
  const staff = spokesBodyAt(ctx, from, end);
  if (staff) return staff;
  const run = leadingNameRun(ctx, from, end);
  if (run && !isPossessive(text, run.span!.end)) return run;
  const first = /^(\p{L}+)/u.exec(s);
  if (first && PERSON_PRONOUNS.has(first[1].toLowerCase())) return pronounSpeaker(ctx, first[1], from);
  const lone = leadingLoneName(ctx, from, end);
  if (lone) return lone;
  const org = leadingOrg(text, from, end);
  // A dateline ("WASHINGTON, Dec. 8", "Washington (AFP) –") is no speaker.
  if (org && (KNOWN_PLACES.has(org.speaker.resolved!.toLowerCase()) || /^\p{Lu}{3,}$/u.test(org.speaker.resolved!))) return undefined;
  return org?.speaker;
}

// Sentence adverbs between a subject and its verb that the shared list does not hold: "Carter however said".
const CONNECTIVE_ADVERBS = new Set('however though meanwhile too instead now first still even quickly already ultimately eventually initially'.split(' '));

// "81-year-old ", "The 30-year-old ": an age written before a name.
const AGE_BEFORE_NAME_RE = /^\s*(?:[Tt]he\s+)?\d{1,3}-year-old\s+(?=\p{Lu})/u;
// "Washington (AFP) – ", "July 25 (UPI) — ": a place or date and an agency in brackets, then a dash.
const DATELINE_RE = /^\s*(?:[\p{Lu}\d][\p{L}\d.'’]*,?\s+){0,5}?\(\p{Lu}[^()\n]{0,25}\)\s*[—–-]{1,2}\s+/u;
// "WASHINGTON — ", "LA CROSSE, Wisc. — ": a place in capitals, then a dash.
const CAPS_DATELINE_RE = /^\s*\p{Lu}{2,}(?:[\s.'’-]+\p{Lu}{2,})*\.?(?:,\s*\p{Lu}[\p{L}.]*\.?(?:\s+\d{1,2})?)?\s*[—–]{1,2}\s+/u;

const TIME_PHRASE_RE = /\s+(?:(?:last|this|next|on|earlier|late)\s+)?(?:week|month|year|night|morning|afternoon|evening|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*$/iu;

// "(D-Md.)", "(R)", "(I-Vt.)", "(R-Utah)": a party and state written after a politician's name.
const PARTY_TAG_RE = /\s*\((?:[DRI]|Dem|Rep|Ind|Lab|Con|LD|SNP)(?:[-–,]\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)?\)\s*$/u;

// Two to four capitalised words, or initials: a name the people extractor did not take for one.
const NAME_RUN = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?(?:\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?){1,3}`;

const TRAILING_NAME_RE = new RegExp(String.raw`(?:^|[^\p{L}.])(${NAME_RUN})\s*$`, 'u');

// Lower-case description words before a name, after at most one capitalised modifier ("Virginia delegate Beau Correll").
// Also after lower-case words ("undecided Republican voter Stephanie Hooton").
const LEADING_NAME_SKIP_RE = /^(?:(?:the|a|an)\s+)?(?:[\p{Ll}\d][\p{Ll}\d-]*\s+(?=(?:[\p{Ll}\d][\p{Ll}\d-]*\s+)?\p{Lu}[\p{Ll}.'’-]+\s+\p{Ll})){0,2}(?:\p{Lu}[\p{Ll}.'’-]+\s+(?=\p{Ll}))?(?:[\p{Ll}\d][\p{Ll}\d-]*\s+){0,5}/u;

/** A capitalised name run opening a string (group 1). */
export const LEADING_NAME_RE = new RegExp(String.raw`^(${NAME_RUN})(?![\p{L}])`, 'u');

/**
 * A person's name as a capitalised run the people extractor missed, in a
 * speaker's place: resolved to the full name of a person of the text with
 * the same surname, else to the run itself. An organisation or a place is
 * no person.
 */
export function nameRunSpeaker(ctx: Context, start: number, run: string): SpeakerMention | undefined {
  const words = run.split(/\s+/u);
  const lowers = words.map((w) => w.toLowerCase());
  if (NON_NAME_CAPITALS.has(lowers[0]) || lowers.some((w) => ORG_HEADS.has(w) || KNOWN_ORGS.has(w)) || KNOWN_PLACES.has(lowers.join(' '))) return undefined;
  if (words.some((w) => isCapitalisedTitle(w) || isRoleNoun(w))) return undefined;
  const surname = lowers[lowers.length - 1];
  const known = ctx.fullNameBySurname.get(surname);
  return { text: run, span: spanOf(start, run), resolved: known && known.split(/\s+/u).length >= words.length ? known : run };
}

function trailingNameRun(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const m = TRAILING_NAME_RE.exec(ctx.text.slice(from, end));
  if (!m) return undefined;
  const runStart = from + m.index + m[0].length - m[1].length - (m[0].length - m[0].trimEnd().length);
  const direct = nameRunSpeaker(ctx, runStart, m[1]);
  if (direct) return direct;
  // Titles glued before the name ("Former Clinton Senior Adviser Sidney Blumenthal"): the words after the last title.
  const words = m[1].split(/\s+/u);
  let k = words.length - 1;
  while (k > 0 && !isCapitalisedTitle(words[k - 1]) && !isRoleNoun(words[k - 1])) k--;
  if (k === 0 || words.length - k < 2) return undefined;
  const name = words.slice(k).join(' ');
  return nameRunSpeaker(ctx, runStart + m[1].length - name.length, name);
}

function leadingNameRun(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const s = ctx.text.slice(from, end);
  const skip = LEADING_NAME_SKIP_RE.exec(s)![0];
  if (skip.length > 0 && !isDescriptorOnly(skip)) return undefined;
  const tail = s.slice(skip.length);
  const m = LEADING_NAME_RE.exec(tail);
  const direct = m ? nameRunSpeaker(ctx, from + skip.length, m[1]) : undefined;
  if (direct || !m) return direct;
  // Titles glued before the name, as after a verb ("said Senate Minority Whip Dick Durbin"): the name run after
  // capitalised words of which one at least is a title (as `trailingNameRun` does before a verb).
  const word = /\p{Lu}[\p{L}.'’-]*\s+/uy;
  let off = 0;
  let titled = false;
  for (let n = 0; n < 6; n++) {
    word.lastIndex = off;
    const w = word.exec(tail);
    if (!w) return undefined;
    titled ||= isCapitalisedTitle(w[0].trim()) || isRoleNoun(w[0].trim()) || w[0].trim().split('-').some((part) => isCapitalisedTitle(part));
    off += w[0].length;
    if (!titled) continue;
    const run = LEADING_NAME_RE.exec(tail.slice(off));
    const sp = run ? nameRunSpeaker(ctx, from + skip.length + off, run[1]) : undefined;
    if (sp) return sp;
  }
  return undefined;
}

/** The speaker right after a verb: "said Lankov", "according to NK News", "said the spokesman". */
export function subjectAt(ctx: Context, from: number, limit: number): SpeakerMention | undefined {
  const { text } = ctx;
  const lead = /^[\s,]*/.exec(text.slice(from, limit))![0].length;
  const start = from + lead;
  const clauseEnd = Math.min(limit, clauseEndAfter(text, start, limit));
  return namedAfterRole(ctx, start, clauseEnd, limit) ?? leadingSubject(ctx, start, clauseEnd) ?? unnamedAt(text, start, clauseEnd);
}

/**
 * A role, then the person's name in apposition: "said Rubio’s deputy
 * campaign manager, Rich Beeson, who …" — the role phrase (ending in a role
 * noun) names nobody itself; the person right after its comma does.
 */
function namedAfterRole(ctx: Context, start: number, clauseEnd: number, limit: number): SpeakerMention | undefined {
  const { text } = ctx;
  // Cheap tests first: this is asked after every verb-first cue.
  if (clauseEnd - start > 80 || text.charCodeAt(clauseEnd) !== 44 /* , */) return undefined;
  const role = text.slice(start, clauseEnd);
  const last = /[\p{L}-]+$/u.exec(role)?.[0];
  if (!last || !isRoleNoun(last)) return undefined;
  // A role phrase holding a name of its own ("said Sen. Bob Casey, …") is the speaker already.
  if (/\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u.test(role.replace(/^\p{Lu}[\p{L}.'’-]*['’]s?\s/u, ''))) return undefined;
  const at = clauseEnd + /^\s*,\s*/u.exec(text.slice(clauseEnd))![0].length;
  const nameEnd = Math.min(limit, clauseEndAfter(text, at, limit));
  const sp = leadingSubject(ctx, at, nameEnd);
  if (!sp?.resolved || sp.isOrganisation || !sp.span || sp.span.start !== at || sp.span.end !== text.slice(0, nameEnd).trimEnd().length) return undefined;
  return sp;
}

function unnamedAt(text: string, start: number, end: number): SpeakerMention | undefined {
  const m = /^(?:a|an|the|one)\s+(?:[\p{L}.'’-]+\s+){0,4}?(?:[\p{L}'’-]+)(?=\s*(?:[,.;]|$| who| in | at ))/iu.exec(text.slice(start, end));
  return m ? { text: m[0], span: spanOf(start, m[0]) } : undefined;
}

function clauseEndAfter(text: string, start: number, limit: number): number {
  const s = text.slice(start, limit);
  const re = /[,;.!?]\s|[,;!?]$|\.$/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    // A title's or an initial's period ("said Rep. Jerry Nadler", "said Mr. Clyburn", "George W. Bush") ends no clause.
    if (m[0][0] === '.' && /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|\p{Lu})$/u.test(s.slice(Math.max(0, m.index - 6), m.index))) continue;
    return start + m.index;
  }
  return limit;
}

function personSpeaker(p: PersonMention): SpeakerMention {
  const sp: SpeakerMention = { text: p.text, span: { ...p.span }, resolved: p.fullName };
  // "White House press secretary Karoline Leavitt": her words are also the White House's.
  const body = p.role ? representedOrganisation(p.role.text) : undefined;
  if (body) sp.affiliation = body;
  return sp;
}
