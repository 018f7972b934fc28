import MiniSearch from 'minisearch';
import type { ArticleRecord } from './articleRecord';
import { nameTokens } from '../extract/nameVariants';

/** Where a person is mentioned in the corpus, optionally with the role given there. */
export interface PersonOccurrence {
  article: number;
  /** Offsets of the mention in the article text. */
  start: number;
  end: number;
  role?: string;
  /** Offsets of the role text in the article, when there is one. */
  roleStart?: number;
  roleEnd?: number;
}

/** A person the corpus names, with every spelling and role it uses. */
export interface PersonEntry {
  /** The spelling the corpus uses most for the full name. */
  name: string;
  key: string;
  /** Every full-name spelling seen (accepted variants). */
  spellings: string[];
  /** Mentions where the person is introduced with the full name or a role. */
  occurrences: PersonOccurrence[];
}

/** The people of the corpus, by name key, with lookups for variants and near spellings. */
export interface PeopleTable {
  byKey: Map<string, PersonEntry>;
  /** Normalised name token (surname, given name) → keys of the people whose full name has it. */
  byToken: Map<string, string[]>;
  /** Fuzzy search over full names, for near spellings (made on first use). */
  readonly fuzzy: MiniSearch<{ id: string; name: string }>;
}

/**
 * Collects the people of all articles. Full names come from each article's
 * resolution of its mentions, so "Lankov" in an article that introduced
 * "Andrei Lankov" counts for Andrei Lankov.
 */
export function buildPeopleTable(articles: readonly ArticleRecord[]): PeopleTable {
  const byKey = new Map<string, PersonEntry>();
  const spellingCounts = new Map<string, Map<string, number>>();
  // A corpus names the same people over and over (100,000 articles: 700,000 mentions of 40,000 spellings):
  // each spelling's name tokens and key are made once (key '' for a name without a word, which is left out).
  // The key is the tokens joined (what `nameKey` gives), so the tokens are not made again for `byToken`.
  const spellings = new Map<string, { key: string; tokens: string[] }>();
  const spellingOf = (fullName: string): { key: string; tokens: string[] } => {
    let s = spellings.get(fullName);
    if (s === undefined) {
      const tokens = nameTokens(fullName);
      spellings.set(fullName, (s = { key: tokens.join(''), tokens }));
    }
    return s;
  };
  // A role is given in the same words thousands of times ("President"): each occurrence keeps one shared string
  // (a loaded record makes its mentions' strings anew on each read, ~6 MB of copies at 100,000 articles).
  const roles = new Map<string, string>();
  const roleOf = (text: string): string => {
    const known = roles.get(text);
    if (known !== undefined) return known;
    roles.set(text, text);
    return text;
  };
  articles.forEach((art, a) => {
    for (const p of art.people) {
      const key = spellingOf(p.fullName).key;
      if (key.length === 0) continue;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { name: p.fullName, key, spellings: [], occurrences: [] };
        byKey.set(key, entry);
        spellingCounts.set(key, new Map());
      }
      const counts = spellingCounts.get(key)!;
      counts.set(p.fullName, (counts.get(p.fullName) ?? 0) + 1);
      entry.occurrences.push({
        article: a,
        start: p.span.start,
        end: p.span.end,
        role: p.role && roleOf(p.role.text),
        roleStart: p.role?.span.start,
        roleEnd: p.role?.span.end,
      });
    }
  });
  const byToken = new Map<string, string[]>();
  for (const [key, entry] of byKey) {
    const counts = spellingCounts.get(key)!;
    entry.spellings = [...counts.keys()];
    // The most used spelling; of those, the longest; of those, the first seen.
    let best = '';
    let bestCount = 0;
    for (const [spelling, n] of counts) {
      if (n > bestCount || (n === bestCount && spelling.length > best.length)) {
        best = spelling;
        bestCount = n;
      }
    }
    entry.name = best;
    const tokens = new Set<string>();
    for (const spelling of entry.spellings) for (const tok of spellingOf(spelling).tokens) tokens.add(tok);
    for (const tok of tokens) {
      const list = byToken.get(tok);
      if (list) list.push(key);
      else byToken.set(tok, [key]);
    }
  }
  return peopleTableOf(byKey, byToken);
}

/**
 * The table over `byKey` and `byToken`, with its fuzzy index made on first
 * use. {@link buildPeopleTable} makes the two maps from the corpus; a warm
 * start makes them from the index cache (`savedPeopleTable.ts`).
 */
export function peopleTableOf(byKey: Map<string, PersonEntry>, byToken: Map<string, string[]>): PeopleTable {
  // Made on first use: indexing every spelling is a sixth of a warm load's work, and only a near-spelling
  // look-up needs it. A host's look-up warm-up (the corpus worker's, right after it hands the index out,
  // while the draft is read on the main thread) makes it before a check asks.
  // Once made, the getter gives way to the index itself (a plain property from then on).
  const table = {
    byKey,
    byToken,
    get fuzzy(): MiniSearch<{ id: string; name: string }> {
      const fuzzy = new MiniSearch<{ id: string; name: string }>({ fields: ['name'], storeFields: [] });
      fuzzy.addAll([...byKey.values()].map((e) => ({ id: e.key, name: e.spellings.join(' ') })));
      Object.defineProperty(table, 'fuzzy', { value: fuzzy, enumerable: true });
      return fuzzy;
    },
  };
  return table;
}
