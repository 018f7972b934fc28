/**
 * The fuzzy name search of a candidate people table, scoring as the corpus's
 * would. The engine ranks near spellings with MiniSearch (BM25: each word's
 * document frequency, the number of people, the average length of a name
 * field) and keeps its best 20. A table of a name's candidates holds every
 * person with a word the search can reach, so document frequencies are the
 * corpus's already; the number of people and the average field length are
 * the corpus's only if set: they are, here, on the index's own fields (the
 * ones MiniSearch's serialised form, `toJSON` → `loadJS`, sets), so the
 * ranking is the in-memory index's. (MiniSearch averages field lengths
 * incrementally as documents are
 * added, here it is a sum over a count: the two can differ in the last bit,
 * which reorders two people only if their scores were that close.)
 */
import MiniSearch from 'minisearch';

/** The corpus-wide numbers MiniSearch's scores read. */
export interface NameSearchStats {
  /** People in the corpus (documents of the name search). */
  people: number;
  /** Sum over people of {@link nameFieldLength}. */
  fieldLengthSum: number;
}

/** MiniSearch's default tokenizer: split at spaces and punctuation (case kept, empty pieces too). */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** The length MiniSearch gives a person's name field (`spellings.join(' ')`): its distinct raw pieces. */
export function nameFieldLength(spellings: readonly string[]): number {
  return new Set(spellings.join(' ').split(SPACE_OR_PUNCTUATION)).size;
}

const OPTIONS = { fields: ['name'], storeFields: [] as string[] };

/** MiniSearch's fields that hold the statistics its scores read (`loadJS` sets them from `documentCount` and `averageFieldLength`). */
interface ScoreStatistics {
  _documentCount: number;
  _avgFieldLength: number[];
}

/**
 * A MiniSearch over these people (in this order) whose scores use the corpus's people count and average field length.
 * The two numbers are set on the index itself; only a MiniSearch laid out otherwise (another version) goes
 * through its serialised form, which cost more than building the index (~10 ms a draft).
 */
export function corpusWideNameSearch(people: ReadonlyArray<{ key: string; spellings: readonly string[] }>, stats: NameSearchStats | undefined): MiniSearch<{ id: string; name: string }> {
  const local = new MiniSearch<{ id: string; name: string }>(OPTIONS);
  local.addAll(people.map((e) => ({ id: e.key, name: e.spellings.join(' ') })));
  if (!stats || stats.people <= 0) return local;
  const fields = local as unknown as Partial<ScoreStatistics>;
  if (typeof fields._documentCount === 'number' && Array.isArray(fields._avgFieldLength) && fields._avgFieldLength.length <= 1) {
    fields._documentCount = stats.people;
    fields._avgFieldLength = [stats.fieldLengthSum / stats.people];
    return local;
  }
  return serialisedNameSearch(local, stats);
}

/** The same index with the corpus's statistics, through MiniSearch's own serialised form (`toJSON` → `loadJS`). */
export function serialisedNameSearch(local: MiniSearch<{ id: string; name: string }>, stats: NameSearchStats): MiniSearch<{ id: string; name: string }> {
  const js = local.toJSON() as unknown as { documentCount: number; averageFieldLength: number[] };
  js.documentCount = stats.people;
  js.averageFieldLength = [stats.fieldLengthSum / stats.people];
  return MiniSearch.loadJS(js as never, OPTIONS);
}
