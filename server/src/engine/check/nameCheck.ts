/**
 * People: a name spelled as in the sources (verified), nearly so
 * (misspelled, with the sources' spelling), or not in the sources at all
 * (unknown, once per name); and the role the draft gives a person against
 * the roles the sources give them.
 */
import type { PersonMention } from '../types';
import type { PersonMatch, PersonRecord } from '../corpusStore';
import { nameKey, nameTokens } from '../extract/names';
import { editDistance, typoBudget } from '../text/editDistance';
import { roleAgrees } from '../match/roles';
import type { Check, JudgedFinding } from './check';
import { quotedList, quotedWording } from './findingText';

/** Beyond this many distinct source roles, a person's role is not judged. */
const MAX_ROLES_JUDGED = 4;

/** A person the draft names. */
export interface NameClaim {
  mention: PersonMention;
  /**
   * Whether a miss is reported here: an unknown person is reported once, at
   * the first mention of the name that was found by a cue of its own (a name
   * taken only because the corpus knows it cannot be unknown).
   */
  reportsUnknown: boolean;
}

/** What the corpus has for one draft name. */
export interface NameEvidence {
  match?: PersonMatch;
  /** For a near match: whether the draft's words stand verbatim in the corpus (then they are the corpus's own spelling). */
  spelledSoInCorpus: boolean;
}

export const nameCheck: Check<NameClaim, NameEvidence> = {
  name: 'names',

  claims(draft) {
    const reported = new Set<string>();
    return draft.people.map((mention) => {
      const key = nameKey(mention.fullName);
      const reportsUnknown = mention.cue !== 'known' && !reported.has(key);
      if (reportsUnknown) reported.add(key);
      return { mention, reportsUnknown };
    });
  },

  key({ mention: m, reportsUnknown }) {
    const role = m.role ? [m.role.text, m.role.span.start - m.span.start, m.role.span.end - m.span.start] : null;
    return JSON.stringify([m.text, m.span.end - m.span.start, m.fullName, m.cue, role, reportsUnknown]);
  },

  start: ({ mention }) => mention.span.start,

  async retrieve(claims, store, config) {
    const matches = await store.findPeople(
      claims.map((c) => c.mention.fullName),
      { maxCitations: config.maxEvidence },
    );
    // Only a near match needs the second look-up: is the draft's spelling the corpus's own (perhaps another person's)?
    const near = claims.map((_, i) => (matches[i]?.kind === 'near' ? i : -1)).filter((i) => i >= 0);
    const spelled = near.length > 0 ? await store.hasPhrases(near.map((i) => claims[i].mention.text)) : [];
    const out: NameEvidence[] = matches.map((match) => ({ match, spelledSoInCorpus: false }));
    near.forEach((i, k) => (out[i].spelledSoInCorpus = spelled[k]));
    return out;
  },

  judge({ mention, reportsUnknown }, { match, spelledSoInCorpus }, config) {
    if (!match) {
      if (!reportsUnknown) return [];
      return [{ code: 'name-unknown', span: mention.span, message: `${mention.fullName} is not named in the sources.`, evidence: [] }];
    }
    // The corpus itself has these words: calling them a misspelling would be wrong.
    if (match.kind === 'near' && spelledSoInCorpus) return [];
    const { person } = match;
    const out: JudgedFinding[] = [];
    if (match.kind === 'near') {
      const suggestion = correctedMention(mention.text, person.name);
      // The words as written are already the sources' spelling (the full name differed elsewhere): nothing to correct.
      if (suggestion === mention.text) return [];
      out.push({
        code: 'name-misspelled',
        span: mention.span,
        message: `Name not in the sources as written — did you mean ${suggestion}?`,
        suggestion,
        evidence: person.mentions,
      });
    } else {
      out.push({ code: 'name-verified', span: mention.span, message: `${person.name} is named in the sources.`, evidence: person.mentions });
    }
    const role = judgeRole(mention, person, config.maxEvidence);
    if (role) out.push(role);
    return out;
  },
};

/** A role the sources contradict: judged on affiliations, and only for people the sources describe in few ways. */
function judgeRole(mention: PersonMention, person: PersonRecord, maxEvidence: number): JudgedFinding | undefined {
  if (!mention.role || person.roles.length === 0) return undefined;
  const roles = person.roles.map((r) => r.role);
  // Someone the sources describe in many ways (a candidate, a mogul, a host) can
  // take one more description without contradiction: only judge the few-role people.
  if (roles.length > MAX_ROLES_JUDGED || roleAgrees(mention.role.text, roles)) return undefined;
  return {
    code: 'role-mismatch',
    span: mention.role.span,
    message: `The sources describe ${quotedWording(person.name)} as “${quotedList(roles, '”, “')}”, not as “${quotedWording(mention.role.text)}”.`,
    suggestion: roles[0],
    evidence: person.roles.slice(0, maxEvidence).map((r) => r.ref),
  };
}

/** The words of `mention` with each misspelled word replaced by the sources' spelling. */
function correctedMention(mentionText: string, entryName: string): string {
  const entryWords = entryName.split(/\s+/);
  const words = mentionText.split(/\s+/);
  if (words.length === entryWords.length) return entryName;
  return words
    .map((w) => {
      const norm = nameTokens(w).join('');
      let best = w;
      let bestD = Infinity;
      for (const e of entryWords) {
        const d = editDistance(norm, nameTokens(e).join(''), 3);
        if (d < bestD) {
          bestD = d;
          best = e;
        }
      }
      return bestD <= typoBudget(norm.length) ? best : w;
    })
    .join(' ');
}
