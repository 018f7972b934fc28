/**
 * Which corpus person a name stands for, with the candidates from SQL and
 * the decision by the engine's own `lookUpPerson`. One statement per batch
 * finds, for each name, every person the in-memory look-up could pick:
 * - the same name key (btree on `people.key`);
 * - the same name in the other word order (`reorderedKeys`);
 * - accepted variants: people whose name words contain the name's words or
 *   are contained in them (GIN on `people.name_words`, `@>` / `<@`), and
 *   people with the name's last word (a surname the sources give with another
 *   first name);
 * - near spellings: people with a word within the fuzzy name search's edit
 *   distance of a word of the name, as the in-memory MiniSearch finds them
 *   (the words found by the store on its trie of `name_words`,
 *   `nameWords.ts`; their people by a GIN probe per word);
 * - which of the name's words any corpus name uses (for `knowsPeople`).
 * A small people table is then built per name from its candidates (in
 * first-seen corpus order, as the in-memory table is) and the engine's
 * `lookUpPerson` / `isKnownPerson` answer on it.
 *
 * MiniSearch ranks near spellings with statistics of the table it searches
 * and the engine keeps its 20 best: the table's search is given the corpus's
 * statistics (`nameSearchStats.ts`), so the ranking and the cut are the whole
 * corpus's.
 */
import { corpusWideNameSearch, type NameSearchStats } from './nameSearchStats';
import type { NearNameWords } from './nameWords';
import { isKnownPerson, lookUpPerson, nameKey, nameTokens, reorderedKeys, SURNAME_FUZZY_EDITS, type PeopleTable, type PersonEntry, type PersonEntryMatch } from '../../engine/api';
import { comparePlace, searchWords } from './ingest';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';

/** The fuzzy name search's options (`buildPeopleTable`, `lookUpPerson`). */
const NAME_FUZZY = 0.34;
const MAX_FUZZY = 6;
/** Terms searched for near spellings are at most this long (what `levenshtein_less_equal`, used before, took). */
const MAX_LEVENSHTEIN_LENGTH = 255;

/** A person row as the candidates statement returns it. */
interface PersonRow {
  i: number;
  known: string[] | null;
  key: string | null;
  name: string;
  spellings: string[];
  name_words: string[];
  occurrences: number;
  first_path: string;
  first_pos: number;
  first_idx: number;
}

const CANDIDATES_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, key text, keys text[], tokens text[], near text[])),
  -- LATERAL with OFFSET 0: one index probe per name (the planner, misled by json_to_recordset's
  -- estimate of 100 rows, otherwise joins the whole people table).
  hits AS (
    SELECT q.i, x.key FROM q CROSS JOIN LATERAL (SELECT p.key FROM people p WHERE p.key = q.key OR p.key = ANY(q.keys) OFFSET 0) x
    UNION SELECT q.i, x.key FROM q CROSS JOIN LATERAL (
      SELECT p.key FROM people p WHERE p.name_words && q.tokens AND (p.name_words @> q.tokens OR p.name_words <@ q.tokens
        OR p.name_words @> q.tokens[cardinality(q.tokens):cardinality(q.tokens)]) OFFSET 0) x
    -- One GIN probe per near word, in the column's collation: name_words.word is COLLATE "C", and an array of it
    -- cannot use the GIN index on people.search_words (every person was read, 0.3–1.7 s a draft at 20k articles).
    UNION SELECT q.i, x.key FROM q CROSS JOIN LATERAL unnest(q.near) AS w CROSS JOIN LATERAL (SELECT p.key FROM people p WHERE p.search_words @> ARRAY[w COLLATE "default"] OFFSET 0) x),
  known AS (
    SELECT q.i, array_agg(tok) AS known FROM q CROSS JOIN LATERAL unnest(q.tokens) AS tok
    WHERE EXISTS (SELECT 1 FROM people p WHERE p.name_words @> ARRAY[tok]) GROUP BY q.i)
  SELECT q.i, k.known, p.key, p.name, p.spellings, p.name_words, p.occurrences, p.first_path, p.first_pos, p.first_idx
  FROM q LEFT JOIN known k ON k.i = q.i LEFT JOIN hits h ON h.i = q.i LEFT JOIN people p ON p.key = h.key`;

/**
 * For each name, the people table of its candidates (enough for the engine's look-up to answer as on the
 * whole corpus). `nameWords` holds the corpus's name words (`readNameWords`), to find near spellings.
 */
export async function candidatePeopleTables(pool: PgPool, names: readonly string[], nameWords: NearNameWords, stats?: NameSearchStats): Promise<PeopleTable[]> {
  const named = names.map((name) => {
    const tokens = nameTokens(name);
    // The in-memory fuzzy search's query terms, each with its edit distance.
    const terms = searchWords(tokens.join(' '))
      .filter((term) => term.length <= MAX_LEVENSHTEIN_LENGTH)
      // Words of four letters or more are also searched with two edits (`nearCandidates` in the engine's look-up).
      .map((term) => ({ term: sqlSafe(term), d: Math.min(MAX_FUZZY, Math.max(Math.round(term.length * NAME_FUZZY), tokens.length > 1 && term.length >= 4 ? SURNAME_FUZZY_EDITS : 0)) }));
    // The surname is also searched alone with more edits (`nearCandidates` in the engine's look-up).
    const surname = tokens[tokens.length - 1];
    if (tokens.length > 1 && surname.length >= 4 && surname.length <= MAX_LEVENSHTEIN_LENGTH) terms.push({ term: sqlSafe(surname), d: SURNAME_FUZZY_EDITS });
    return { name, tokens, terms };
  });
  // Terms repeat within a batch (a surname searched twice, names sharing a word): each is searched once.
  const distinct = new Map<string, { term: string; d: number }>();
  for (const { terms } of named) for (const t of terms) distinct.set(`${t.d} ${t.term}`, t);
  const found = await nameWords.nearAll([...distinct.values()]);
  const nearOf = new Map<string, string[]>();
  [...distinct.keys()].forEach((key, k) => nearOf.set(key, found[k]));
  const requests = named.map(({ name, tokens, terms }, i) => {
    const near = [...new Set(terms.flatMap(({ term, d }) => nearOf.get(`${d} ${term}`)!))];
    return { i, key: sqlSafe(nameKey(name)), keys: reorderedKeys(name).map(sqlSafe), tokens: tokens.map(sqlSafe), near };
  });
  if (requests.length === 0) return [];
  const rows = await pool.query<PersonRow>(CANDIDATES_SQL, [JSON.stringify(requests)]);
  const perName: PersonRow[][] = names.map(() => []);
  const known: string[][] = names.map(() => []);
  for (const r of rows) {
    if (r.known) known[r.i] = r.known;
    if (r.key !== null) perName[r.i].push(r);
  }
  return perName.map((people, i) => peopleTable(people, known[i], stats));
}

/** A people table over some candidates, built as `buildPeopleTable` builds the corpus's (first-seen order everywhere). */
function peopleTable(rows: readonly PersonRow[], knownTokens: readonly string[], stats: NameSearchStats | undefined): PeopleTable {
  const sorted = [...rows].sort((a, b) => comparePlace(a.first_path, a.first_pos, a.first_idx, b.first_path, b.first_pos, b.first_idx));
  const byKey = new Map<string, PersonEntry>();
  const byToken = new Map<string, string[]>();
  for (const r of sorted) {
    // The look-up reads only how many occurrences a person has: a sparse array of that length stands for them.
    byKey.set(r.key!, { name: r.name, key: r.key!, spellings: r.spellings, occurrences: new Array(r.occurrences) });
    for (const tok of r.name_words) {
      const list = byToken.get(tok);
      if (list) list.push(r.key!);
      else byToken.set(tok, [r.key!]);
    }
  }
  // Words some corpus name has, whoever has them: `isKnownPerson` asks only whether there is one.
  for (const tok of knownTokens) if (!byToken.has(tok)) byToken.set(tok, []);
  const fuzzy = corpusWideNameSearch([...byKey.values()], stats);
  return { byKey, byToken, fuzzy };
}

/** The engine's answer for `name` on its candidates' table. */
export function lookUpCandidate(table: PeopleTable, name: string): PersonEntryMatch | undefined {
  return lookUpPerson(table, name);
}

/** The engine's `knowsPeople` answer for `candidate` on its candidates' table. */
export function knowsCandidate(table: PeopleTable, candidate: string): boolean {
  return isKnownPerson(table, candidate, (name) => lookUpPerson(table, name));
}
