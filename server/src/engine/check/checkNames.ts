import type { Citation, PersonMention } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import type { PersonEntry } from '../index/peopleTable';
import { nameKey, nameTokens } from '../extract/names';
import { editDistance, typoBudget } from '../text/editDistance';
import { tokenize } from '../text/tokens';
import { findExactPassages } from '../match/findQuote';
import { roleAgrees } from '../match/roles';
import type { DraftFinding } from './finding';

/** A corpus person a draft name resolves to, and how. */
interface PersonMatch {
  entry: PersonEntry;
  /** `exact`: same name or an accepted variant; `near`: a misspelling of it. */
  kind: 'exact' | 'near';
}

/**
 * The corpus person a draft name stands for: the same name (or an accepted
 * variant: hyphenation, a surname alone, a full name where the corpus has
 * the surname), else a near spelling of one, else none.
 */
export function matchPerson(index: CorpusIndex, fullName: string): PersonMatch | undefined {
  const memo = index.people.lookups as Map<string, PersonMatch | undefined>;
  if (memo.has(fullName)) return memo.get(fullName);
  const match = lookUpPerson(index, fullName);
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(fullName, match);
  return match;
}

/** Most name lookups remembered per index. */
const MAX_MEMO = 20_000;

function lookUpPerson(index: CorpusIndex, fullName: string): PersonMatch | undefined {
  const { byKey, byToken, fuzzy } = index.people;
  const exact = byKey.get(nameKey(fullName));
  if (exact) return { entry: exact, kind: 'exact' };
  const tokens = nameTokens(fullName);
  if (tokens.length === 0) return undefined;
  // Accepted variants: one name's words all within the other's ("Lankov" / "Andrei Lankov").
  const variants = new Set<string>();
  for (const t of tokens) for (const key of byToken.get(t) ?? []) variants.add(key);
  let fullVariant: PersonEntry | undefined;
  let partVariant: PersonEntry | undefined;
  for (const key of variants) {
    const entry = byKey.get(key)!;
    const entryTokens = new Set(entry.spellings.flatMap((s) => nameTokens(s)));
    const draftInEntry = tokens.every((t) => entryTokens.has(t));
    const entryInDraft = [...entryTokens].every((t) => tokens.includes(t));
    if (!draftInEntry && !entryInDraft) continue;
    // A corpus entry of one word ("Bernie", "Donald") is a weaker match than a full name.
    const isFull = entryTokens.size > 1 || tokens.length === 1;
    const slot = isFull ? fullVariant : partVariant;
    if (!slot || entry.occurrences.length > slot.occurrences.length) {
      if (isFull) fullVariant = entry;
      else partVariant = entry;
    }
  }
  if (fullVariant) return { entry: fullVariant, kind: 'exact' };
  // Near spellings: every draft word within a small edit distance of a word of the same person, at least one differing.
  let best: { entry: PersonEntry; cost: number } | undefined;
  for (const hit of fuzzy.search(tokens.join(' '), { fuzzy: 0.34, combineWith: 'OR' }).slice(0, 20)) {
    const entry = byKey.get(hit.id as string);
    if (!entry) continue;
    const cost = misspellingCost(tokens, nameTokens(entry.name));
    if (cost !== undefined && cost > 0 && (!best || cost < best.cost)) best = { entry, cost };
  }
  if (best) return { entry: best.entry, kind: 'near' };
  if (partVariant) return { entry: partVariant, kind: 'exact' };
  return undefined;
}

/**
 * Total edits that turn the draft's name words into the corpus name's words
 * (each draft word matched to a distinct corpus word, in order), or undefined
 * when some word is too far off to be a misspelling.
 */
function misspellingCost(draft: readonly string[], source: readonly string[]): number | undefined {
  if (draft.length > source.length) return undefined;
  let total = 0;
  let from = 0;
  for (const w of draft) {
    let found = -1;
    let cost = Infinity;
    for (let j = from; j < source.length; j++) {
      const max = typoBudget(Math.max(w.length, source[j].length));
      const d = editDistance(w, source[j], max);
      if (d <= max && d < cost) {
        cost = d;
        found = j;
      }
    }
    if (found < 0) return undefined;
    total += cost;
    from = found + 1;
  }
  return total;
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

/** Up to `max` corpus sentences that name the person, one per article, those with a role first. */
function personEvidence(index: CorpusIndex, entry: PersonEntry, max: number): Citation[] {
  const seen = new Set<number>();
  const out: Citation[] = [];
  // Two passes instead of a sort: a famous name has thousands of occurrences.
  for (const withRole of [true, false]) {
    for (const occ of entry.occurrences) {
      if (out.length >= max) return out;
      if (!!occ.role !== withRole || seen.has(occ.article)) continue;
      seen.add(occ.article);
      out.push(index.evidenceForSpan(occ.article, { start: occ.start, end: occ.end }));
    }
  }
  return out;
}

/**
 * Whether the corpus has these exact words somewhere: then the spelling is the
 * corpus's own (perhaps another person's), and calling it a misspelling would be wrong.
 */
function spelledSoInCorpus(index: CorpusIndex, words: string): boolean {
  const tokens = tokenize(words);
  return tokens.length > 0 && findExactPassages(index.tokens, [{ tokens }], 1).length > 0;
}

/** Checks the draft's people: spelling against the corpus, and roles against the roles the corpus gives them. */
export function checkNames(people: readonly PersonMention[], index: CorpusIndex, maxEvidence = 5): DraftFinding[] {
  const out: DraftFinding[] = [];
  const reportedUnknown = new Set<string>();
  const matches = new Map<string, PersonMatch | undefined>();
  for (const mention of people) {
    const key = nameKey(mention.fullName);
    if (!matches.has(key)) matches.set(key, matchPerson(index, mention.fullName));
    const match = matches.get(key);
    if (!match) {
      if (mention.cue === 'known' || reportedUnknown.has(key)) continue;
      reportedUnknown.add(key);
      out.push({ code: 'name-unknown', span: mention.span, message: `${mention.fullName} is not named in the sources.`, evidence: [] });
      continue;
    }
    if (match.kind === 'near' && spelledSoInCorpus(index, mention.text)) continue;
    const evidence = personEvidence(index, match.entry, maxEvidence);
    if (match.kind === 'near') {
      const suggestion = correctedMention(mention.text, match.entry.name);
      out.push({
        code: 'name-misspelled',
        span: mention.span,
        message: `Name not in the sources as written — did you mean ${suggestion}?`,
        suggestion,
        evidence,
      });
    } else {
      out.push({ code: 'name-verified', span: mention.span, message: `${match.entry.name} is named in the sources.`, evidence });
    }
    if (mention.role) out.push(...checkRole(mention, match.entry, index, maxEvidence));
  }
  return out;
}

/** Beyond this many distinct source roles, a person's role is not judged. */
const MAX_ROLES_JUDGED = 4;

function checkRole(mention: PersonMention, entry: PersonEntry, index: CorpusIndex, maxEvidence: number): DraftFinding[] {
  const withRole = entry.occurrences.filter((o) => o.role);
  if (!mention.role || withRole.length === 0) return [];
  const roles = [...new Set(withRole.map((o) => o.role!))];
  // Someone the sources describe in many ways (a candidate, a mogul, a host) can
  // take one more description without contradiction: only judge the few-role people.
  if (roles.length > MAX_ROLES_JUDGED || roleAgrees(mention.role.text, roles)) return [];
  const evidence: Citation[] = [];
  const seen = new Set<string>();
  for (const o of withRole) {
    if (seen.has(o.role!)) continue;
    seen.add(o.role!);
    evidence.push(index.evidenceForSpan(o.article, { start: o.roleStart ?? o.start, end: o.roleEnd ?? o.end }));
    if (evidence.length >= maxEvidence) break;
  }
  return [
    {
      code: 'role-mismatch',
      span: mention.role.span,
      message: `The sources describe ${entry.name} as “${roles.join('”, “')}”, not as “${mention.role.text}”.`,
      suggestion: roles[0],
      evidence,
    },
  ];
}
