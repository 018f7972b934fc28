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
 *   (the words found by the store on its table of `name_words`,
 *   `nameWords.ts`; their people by a GIN probe per word);
 * - which of the name's words any corpus name uses (for `knowsPeople`).
 * One small people table is then built for the batch from all its names'
 * candidates (in first-seen corpus order, as the in-memory table is) and the
 * engine's `lookUpPerson` / `isKnownPerson` answer each name on it.
 *
 * MiniSearch ranks near spellings with statistics of the table it searches
 * and the engine keeps its 20 best: the table's search is given the corpus's
 * statistics (`nameSearchStats.ts`), so the ranking and the cut are the whole
 * corpus's.
 */
import type MiniSearch from 'minisearch';
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

/** A corpus person as the people table needs them. */
interface PersonRow {
  key: string;
  name: string;
  spellings: string[];
  name_words: string[];
  occurrences: number;
  first_path: string;
  first_pos: number;
  first_idx: number;
}

/**
 * Who each name, near word and name word reaches: `r` rows give the people a name request reaches (`i`: its
 * index), `w` rows the people with a near word, `t` rows the name words some corpus name has.
 */
const HITS_SQL = `
  WITH q AS (SELECT * FROM json_to_recordset($1::json) AS q(i int, key text, keys text[], tokens text[]))
  -- LATERAL with OFFSET 0: one index probe per name (the planner, misled by json_to_recordset's
  -- estimate of 100 rows, otherwise joins the whole people table).
  SELECT 'r' AS src, q.i, x.key FROM q CROSS JOIN LATERAL (SELECT p.key FROM people p WHERE p.key = q.key OR p.key = ANY(q.keys) OFFSET 0) x
  UNION ALL SELECT 'r', q.i, x.key FROM q CROSS JOIN LATERAL (
    SELECT p.key FROM people p WHERE p.name_words && q.tokens AND (p.name_words @> q.tokens OR p.name_words <@ q.tokens
      OR p.name_words @> q.tokens[cardinality(q.tokens):cardinality(q.tokens)]) OFFSET 0) x
  -- One GIN probe per near word, in the column's collation: name_words.word is COLLATE "C", and an array of it
  -- cannot use the GIN index on people.search_words (every person was read, 0.3–1.7 s a draft at 20k articles).
  UNION ALL SELECT 'w', (w.n - 1)::int, x.key FROM unnest($2::text[]) WITH ORDINALITY AS w(word, n)
    CROSS JOIN LATERAL (SELECT p.key FROM people p WHERE p.search_words @> ARRAY[w.word COLLATE "default"] OFFSET 0) x
  UNION ALL SELECT 't', (t.n - 1)::int, NULL FROM unnest($3::text[]) WITH ORDINALITY AS t(tok, n)
    WHERE EXISTS (SELECT 1 FROM people p WHERE p.name_words @> ARRAY[t.tok])`;

/** People by key, each read by its key (a hash join read all 8,034 people at 1M, and would read an archive's millions). */
const PEOPLE_SQL = `
  SELECT p.key, p.name, p.spellings, p.name_words, p.occurrences, p.first_path, p.first_pos, p.first_idx
  FROM unnest($1::text[]) AS k(key) CROSS JOIN LATERAL (SELECT * FROM people p WHERE p.key = k.key OFFSET 0) p`;

/** Entries a {@link CandidateMemo} holds in each of its maps before it forgets them all. */
const MAX_REMEMBERED_CANDIDATES = 50_000;

/**
 * What the candidate look-ups learned of one corpus version (a store keeps one and starts another when the
 * version changes): people rows by key, and who each name request and near word reaches, and which name words
 * some corpus name has. One draft after another asks about common words and names again ("john", 4,000 people
 * with a near word at 1M): only what was not asked before goes to the server.
 */
export class CandidateMemo {
  private held = newCandidateMaps();

  /**
   * The maps to read and fill during one look-up: new ones once any is full (a look-up still running keeps
   * the ones it started with, so nothing it relies on is forgotten under it).
   */
  maps(): CandidateMaps {
    if (Object.values(this.held).some((m) => m.size > MAX_REMEMBERED_CANDIDATES)) this.held = newCandidateMaps();
    return this.held;
  }
}

interface CandidateMaps {
  people: Map<string, PersonRow>;
  byRequest: Map<string, readonly string[]>;
  byWord: Map<string, readonly string[]>;
  knownWord: Map<string, boolean>;
}

function newCandidateMaps(): CandidateMaps {
  return { people: new Map(), byRequest: new Map(), byWord: new Map(), knownWord: new Map() };
}

/**
 * One people table for a batch of names: the union of every name's
 * candidates, enough for the engine's look-up to answer each name as on the
 * whole corpus. `nameWords` holds the corpus's name words (`readNameWords`),
 * to find near spellings; `memo` what earlier look-ups of the same corpus
 * version learned (a fresh one asks for everything).
 *
 * One table, not one per name: a name's answer on any table that holds all
 * its candidates and only corpus people is the corpus's answer. The
 * candidates are every person that could pass the look-up's tests for this
 * name (a variant, a near hit, the same surname), so another name's
 * candidate fails them here as it does on the whole corpus; and the fuzzy
 * search's statistics stay the corpus's (every person with a word the search
 * reaches is in the table, the people count and average field length are
 * given). `tests/db/peopleAnswers.test.ts` asks names one at a time (each
 * table then holds only that name's candidates) against the in-memory index.
 * A table per name, as before, made a batch's ~36 names build 36 fuzzy
 * indexes over ~2,600 people in all (~30 ms a draft at 1M), many of them the
 * same people (common first names).
 */
export async function candidatePeopleTable(
  pool: PgPool,
  names: readonly string[],
  nameWords: NearNameWords,
  stats?: NameSearchStats,
  candidates: CandidateMemo = new CandidateMemo(),
): Promise<PeopleTable> {
  const memo = candidates.maps();
  const terms = new Map<string, { term: string; d: number }>();
  const requests = new Map<string, { key: string; keys: string[]; tokens: string[] }>();
  for (const name of new Set(names)) {
    const tokens = nameTokens(name);
    // The in-memory fuzzy search's query terms, each with its edit distance.
    const own = searchWords(tokens.join(' '))
      .filter((term) => term.length <= MAX_LEVENSHTEIN_LENGTH)
      // Words of four letters or more are also searched with two edits (`nearCandidates` in the engine's look-up).
      .map((term) => ({ term: sqlSafe(term), d: Math.min(MAX_FUZZY, Math.max(Math.round(term.length * NAME_FUZZY), tokens.length > 1 && term.length >= 4 ? SURNAME_FUZZY_EDITS : 0)) }));
    // The surname is also searched alone with more edits (`nearCandidates` in the engine's look-up).
    const surname = tokens[tokens.length - 1];
    if (tokens.length > 1 && surname.length >= 4 && surname.length <= MAX_LEVENSHTEIN_LENGTH) own.push({ term: sqlSafe(surname), d: SURNAME_FUZZY_EDITS });
    // Terms repeat within a batch (a surname searched twice, names sharing a word): each is searched once.
    for (const t of own) terms.set(`${t.d} ${t.term}`, t);
    const request = { key: sqlSafe(nameKey(name)), keys: reorderedKeys(name).map(sqlSafe), tokens: tokens.map(sqlSafe) };
    requests.set(JSON.stringify(request), request);
  }
  const near = new Set<string>();
  for (const words of await nameWords.nearAll([...terms.values()])) for (const w of words) near.add(w);
  const tokens = new Set([...requests.values()].flatMap((r) => r.tokens));
  // Only what this corpus version was not asked before.
  const askRequests = [...requests.keys()].filter((k) => !memo.byRequest.has(k));
  const askWords = [...near].filter((w) => !memo.byWord.has(w));
  const askTokens = [...tokens].filter((t) => !memo.knownWord.has(t));
  if (askRequests.length + askWords.length + askTokens.length > 0) {
    const hits = await pool.query<{ src: 'r' | 'w' | 't'; i: number; key: string | null }>(HITS_SQL, [
      JSON.stringify(askRequests.map((k, i) => ({ i, ...requests.get(k)! }))),
      askWords,
      askTokens,
    ]);
    const reached = { r: askRequests.map(() => new Set<string>()), w: askWords.map(() => new Set<string>()) };
    const known = new Set<number>();
    for (const h of hits) {
      if (h.src === 't') known.add(h.i);
      else reached[h.src][h.i].add(h.key!);
    }
    askRequests.forEach((k, i) => memo.byRequest.set(k, [...reached.r[i]]));
    askWords.forEach((w, i) => memo.byWord.set(w, [...reached.w[i]]));
    askTokens.forEach((t, i) => memo.knownWord.set(t, known.has(i)));
  }
  const keys = new Set<string>();
  for (const k of requests.keys()) for (const key of memo.byRequest.get(k)!) keys.add(key);
  for (const w of near) for (const key of memo.byWord.get(w)!) keys.add(key);
  const askPeople = [...keys].filter((k) => !memo.people.has(k));
  if (askPeople.length > 0) for (const r of await pool.query<PersonRow>(PEOPLE_SQL, [askPeople])) memo.people.set(r.key, r);
  const people = [...keys].flatMap((k) => {
    const r = memo.people.get(k);
    return r ? [r] : [];
  });
  return peopleTable(people, [...tokens].filter((t) => memo.knownWord.get(t)), stats);
}

/**
 * One person's occurrences as the look-up reads them: only how many (it
 * compares counts). An array with one slot set at the end has that length
 * and holds one element: a famous name's 42,450 occurrences at 1M were a
 * dense array of 340 KB per table, much of a draft's garbage.
 */
function occurrenceCount(n: number): PersonEntry['occurrences'] {
  const slots: PersonEntry['occurrences'] = [];
  if (n > 0) slots[n - 1] = undefined as never;
  return slots;
}

/** A people table over some candidates, built as `buildPeopleTable` builds the corpus's (first-seen order everywhere). */
function peopleTable(rows: readonly PersonRow[], knownTokens: readonly string[], stats: NameSearchStats | undefined): PeopleTable {
  const sorted = [...rows].sort((a, b) => comparePlace(a.first_path, a.first_pos, a.first_idx, b.first_path, b.first_pos, b.first_idx));
  const byKey = new Map<string, PersonEntry>();
  const byToken = new Map<string, string[]>();
  for (const r of sorted) {
    byKey.set(r.key, { name: r.name, key: r.key, spellings: r.spellings, occurrences: occurrenceCount(r.occurrences) });
    for (const tok of r.name_words) {
      const list = byToken.get(tok);
      if (list) list.push(r.key);
      else byToken.set(tok, [r.key]);
    }
  }
  // Words some corpus name has, whoever has them: `isKnownPerson` asks only whether there is one.
  for (const tok of knownTokens) if (!byToken.has(tok)) byToken.set(tok, []);
  // The fuzzy index on first use, as the in-memory table makes it: a batch of names all found as written needs none.
  const table = {
    byKey,
    byToken,
    get fuzzy(): MiniSearch<{ id: string; name: string }> {
      const fuzzy = corpusWideNameSearch([...byKey.values()], stats);
      Object.defineProperty(table, 'fuzzy', { value: fuzzy, enumerable: true });
      return fuzzy;
    },
  };
  return table;
}

/** The engine's answer for `name` on its candidates' table. */
export function lookUpCandidate(table: PeopleTable, name: string): PersonEntryMatch | undefined {
  return lookUpPerson(table, name);
}

/** The engine's `knowsPeople` answer for `candidate` on its candidates' table. */
export function knowsCandidate(table: PeopleTable, candidate: string): boolean {
  return isKnownPerson(table, candidate, (name) => lookUpPerson(table, name));
}
