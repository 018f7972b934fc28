/**
 * Resolving speakers that do not name anyone: a pronoun ("he", "she") to
 * the person the passage is about, a definite description ("the senator") to
 * the person the text gives that role, and an unnamed spokesperson ("a State
 * Department spokesperson", "the department") to the body they speak for.
 */

import type { PersonMention, SpeakerMention } from '../types';
import { lastAtOrBefore } from '../text/sortedSearch';
import { PRONOUN_SPEAKER_REACH, lastPersonEndingBy, spanOf, type Context, type SpeakerEvent, type SpeakerEvents } from './attributionContext';
import { isRoleNoun } from './lexicon';
import { organisationAnaphor, representedOrganisation } from './organisations';
import { pronounGender } from './pronouns';

/**
 * An unnamed speaker who speaks for a named body becomes that body: "a State
 * Department spokesperson" → State Department; "the department" → the
 * department last named.
 */
export function speakForBody(ctx: Context, sp: SpeakerMention): void {
  if (sp.resolved || !sp.span) return;
  const body = representedOrganisation(sp.text) ?? organisationAnaphor(ctx.text, sp.text, sp.span.start);
  if (!body) {
    const person = describedPerson(ctx, sp.text, sp.span.start);
    if (person) sp.resolved = person;
    return;
  }
  sp.resolved = body;
  sp.isOrganisation = true;
  sp.affiliation = body;
}

// Title abbreviations and the role noun they stand for, so "the senator" finds "Sen. Bernie Sanders".
const ROLE_ABBREVIATIONS: Readonly<Record<string, string>> = { sen: 'senator', rep: 'representative', gov: 'governor', gen: 'general', pres: 'president', sec: 'secretary', congressman: 'representative', congresswoman: 'representative' };

/** The role words the text gives each person (full name → lower-case words of titles and appositions). */
function roleWordsByName(people: readonly PersonMention[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of people) {
    if (!p.role) continue;
    const set = out.get(p.fullName) ?? new Set<string>();
    for (const raw of p.role.text.toLowerCase().split(/[^\p{L}-]+/u)) {
      if (raw.length === 0) continue;
      set.add(ROLE_ABBREVIATIONS[raw] ?? raw);
      if (raw.endsWith('-year-old')) set.add('year-old');
    }
    out.set(p.fullName, set);
  }
  return out;
}

/**
 * The person a definite description stands for ("the senator", "the
 * Vermont senator", "the former secretary of state", "The billionaire
 * businessman"): the last person before it whom the text gives that role
 * (the head noun, and any capitalised modifier such as "Vermont"); when the
 * text gives the role to no one, the person the passage is about, as for
 * "he". Indefinite ("a senator") and plural descriptions stand for no one
 * named. Two descriptions joined by "and" stand for one person.
 */
export function describedPerson(ctx: Context, description: string, at: number): string | undefined {
  // Two descriptions of one person joined by "and" ("the former first lady and U.S. senator"): either names them.
  const both = /^(the|this)\s+(.+?)\s+and\s+(?:the\s+)?(.+)$/iu.exec(description.trim());
  if (both) return describedPerson(ctx, `${both[1]} ${both[2]}`, at) ?? describedPerson(ctx, `${both[1]} ${both[3]}`, at);
  const m = /^(?:the|this)\s+(?:[\p{L}.'’-]+\s+){0,4}?([\p{L}-]+)$/iu.exec(description.trim());
  if (!m) return undefined;
  const head = ROLE_ABBREVIATIONS[m[1].toLowerCase()] ?? m[1].toLowerCase();
  if (!isRoleNoun(head) && !PERSON_DESCRIPTION_HEADS.has(head)) return undefined;
  const modifiers = description.trim().split(/\s+/u).slice(1, -1).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase());
  ctx.roleWords ??= roleWordsByName(ctx.people);
  let anyHolder = false;
  for (let k = lastAtOrBefore(ctx.people.length, at - 1, (i) => ctx.people[i].span.start); k >= 0; k--) {
    const p = ctx.people[k];
    const roles = ctx.roleWords.get(p.fullName);
    if (!roles?.has(head)) continue;
    anyHolder = true;
    if (at - p.span.start > 3 * PRONOUN_SPEAKER_REACH) break;
    if (modifiers.every((w) => roles.has(w) || p.fullName.toLowerCase().includes(w))) return p.fullName;
  }
  // "The Vermont senator" when the text calls Sanders "Sen." only: the last holder of the head noun.
  if (anyHolder) return lastRoleHolder(ctx, head, at);
  // No one holds the role at all: "the Texas senator", "the Republican nominee" is the passage's person, as "he" would
  // be — its capitalised modifiers are facts about that person the text may not have stated (PolNeAR train/dev).
  return pronounSpeaker(ctx, 'they', at).resolved;
}

function lastRoleHolder(ctx: Context, head: string, at: number): string | undefined {
  for (let k = lastAtOrBefore(ctx.people.length, at - 1, (i) => ctx.people[i].span.start); k >= 0; k--) {
    const p = ctx.people[k];
    if (at - p.span.start > 3 * PRONOUN_SPEAKER_REACH) return undefined;
    if (ctx.roleWords!.get(p.fullName)?.has(head)) return p.fullName;
  }
  return undefined;
}

// Head nouns of descriptions that stand for a person though they are no job title.
const PERSON_DESCRIPTION_HEADS = new Set('businessman businesswoman billionaire mogul tycoon magnate developer frontrunner front-runner star celebrity politician veteran'.split(' '));

/**
 * "he"/"she": the person the passage is about — the later of the last named
 * speaker shortly before and the last person opening a sentence — else the
 * last person mentioned; never someone named inside a quotation, and never
 * someone the text gives the other gender.
 */
export function pronounSpeaker(ctx: Context, word: string, at: number): SpeakerMention {
  const sp: SpeakerMention = { text: word, span: spanOf(at, word) };
  const gender = pronounGender(word);
  const fits = (name: string): boolean => gender === undefined || (ctx.genders.get(name) ?? gender) === gender;
  const lastEvent = lastFitting(ctx.speakerEvents, at, fits);
  const lastSubject = lastFittingIn(ctx.subjects, at, fits);
  const recentEvent = lastEvent && at - lastEvent.at <= PRONOUN_SPEAKER_REACH ? lastEvent : undefined;
  const recentSubject = lastSubject && at - lastSubject.at <= PRONOUN_SPEAKER_REACH ? lastSubject : undefined;
  // A subject introduced after the last speaker ("Lankov is a professor. “…,” he said.") is whom the passage is about now.
  const best = recentSubject && (!recentEvent || recentSubject.at > recentEvent.at && !sameEventSentence(ctx, recentEvent, recentSubject)) ? recentSubject : recentEvent;
  if (best) {
    sp.resolved = best.fullName;
    return sp;
  }
  const lastPerson = lastPersonEndingBy(ctx.people, at, fits);
  const fallback = lastPerson?.fullName ?? lastEvent?.fullName;
  if (fallback) sp.resolved = fallback;
  return sp;
}

/** True when a subject stands in the sentence of a speaker event (then the speaker, not the subject, speaks on). */
function sameEventSentence(ctx: Context, event: SpeakerEvent, subject: SpeakerEvent): boolean {
  const k = lastAtOrBefore(ctx.sentences.length, subject.at, (i) => ctx.sentences[i].start);
  return k >= 0 && ctx.sentences[k].start <= event.at && event.at < ctx.sentences[k].end;
}

/** The last speaker event before `at` whose person `fits`, looking back over at most a few events. */
function lastFitting(events: SpeakerEvents, at: number, fits: (name: string) => boolean): SpeakerEvent | undefined {
  const a = lastFittingIn(events.byVerb, at, fits);
  const b = lastFittingIn(events.byQuote, at, fits);
  if (!a) return b;
  if (!b) return a;
  return b.at >= a.at ? b : a;
}

function lastFittingIn(events: readonly SpeakerEvent[], at: number, fits: (name: string) => boolean): SpeakerEvent | undefined {
  // A bounded walk back: the pronoun's person is among the last few named.
  for (let i = lastAtOrBefore(events.length, at - 1, (k) => events[k].at), n = 0; i >= 0 && n < 8; i--, n++) {
    if (fits(events[i].fullName)) return events[i];
  }
  return undefined;
}

/** Records an event, keeping the list ascending (and later events after equal ones). */
export function addEvent(events: SpeakerEvent[], e: SpeakerEvent): void {
  let i = events.length;
  while (i > 0 && events[i - 1].at > e.at) i--;
  events.splice(i, 0, e);
}
