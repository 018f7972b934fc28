/**
 * The people look-ups of a PostgreSQL store (`findPeople`, `knowsPeople`),
 * remembered per corpus version: an editor re-checks the same names at every
 * edit, and one draft after another names many of the same people. A name's
 * answer depends only on the corpus (and, for `findPeople`, on how many
 * mentions are cited), so it holds until ingestion bumps the corpus version;
 * the in-memory index remembers its look-ups the same way (`PersonLookupMemo`,
 * its person records). Names asked for the first time are looked up together:
 * one table of the batch's candidates (`peopleLookup.ts`), then one statement
 * for the records of the people found (`personRecords.ts`).
 *
 * Answers are frozen (handed out again) and bounded by weight (a story
 * look-up's answer cites 200 mentions), the least recently asked going first.
 */
import type { PeopleQueryOptions, PersonMatch, PersonRecord } from '../../engine/api';
import type { NameSearchStats } from './nameSearchStats';
import type { NearNameWords } from './nameWords';
import { CandidateMemo, candidatePeopleTable, knowsCandidate, lookUpCandidate } from './peopleLookup';
import { personRecords } from './personRecords';
import type { PgPool } from './pool';
import { deepFreeze } from './postHolders';
import { WeightedMemo } from './weightedMemo';

/** What the look-ups read of the store, at the moment they run. */
export interface PeopleSource {
  pool: PgPool;
  /** The corpus's name words (read once per corpus version by the store). */
  nameWords(): Promise<NearNameWords>;
  nameStats: NameSearchStats;
}

/** Most remembered weight: one per answer plus one per mention and role it cites (~100 bytes each). */
const MAX_REMEMBERED_WEIGHT = 200_000;

/** `findPeople` and `knowsPeople` answers of one store, remembered per corpus version. */
export class PeopleAnswers {
  private version: number | undefined;
  private readonly matches = new WeightedMemo<PersonMatch | undefined>(MAX_REMEMBERED_WEIGHT);
  private readonly known = new WeightedMemo<boolean>(MAX_REMEMBERED_WEIGHT);
  /** Candidate people and who reaches them, for names not asked before (see `peopleLookup.ts`). */
  private candidates = new CandidateMemo();

  /** Answers held (matches and known-person answers), for tests. */
  get size(): number {
    return this.matches.size + this.known.size;
  }

  /** The person each name stands for, with mentions to cite and roles. */
  async findPeople(source: PeopleSource, version: number, names: readonly string[], options: PeopleQueryOptions): Promise<Array<PersonMatch | undefined>> {
    this.at(version);
    const max = Math.max(0, Math.floor(options.maxCitations));
    const keys = names.map((name) => `${max}\u0000${name}`);
    const out = keys.map((k) => this.matches.get(k));
    const missing = [...new Set(names.filter((_, i) => out[i] === undefined))];
    if (missing.length === 0) return out.map((hit) => hit!.value);
    const table = await candidatePeopleTable(source.pool, missing, await source.nameWords(), source.nameStats, this.candidates);
    const found = missing.map((name) => lookUpCandidate(table, name));
    const records = await personRecords(source.pool, [...new Set(found.flatMap((m) => (m ? [m.entry.key] : [])))], max);
    const answers = new Map<string, PersonMatch | undefined>();
    missing.forEach((name, k) => {
      const m = found[k];
      let match: PersonMatch | undefined;
      let weight = 1;
      if (m) {
        const r = records.get(m.entry.key) ?? { mentions: [], roles: [] };
        const person: PersonRecord = { name: m.entry.name, spellings: m.entry.spellings, mentions: r.mentions, roles: r.roles };
        match = deepFreeze({ kind: m.kind, ...(m.wide ? { wide: true } : {}), ...(m.others ? { others: m.others } : {}), person });
        weight += r.mentions.length + r.roles.length;
      }
      answers.set(name, match);
      // Kept only if the corpus did not change meanwhile.
      if (this.version === version) this.matches.set(`${max}\u0000${name}`, match, weight);
    });
    return names.map((name, i) => (out[i] ? out[i]!.value : answers.get(name)));
  }

  /** Whether each candidate (a capitalised sequence found without a cue) is a person the corpus knows. */
  async knowsPeople(source: PeopleSource, version: number, candidates: readonly string[]): Promise<boolean[]> {
    this.at(version);
    const out = candidates.map((c) => this.known.get(c));
    const missing = [...new Set(candidates.filter((_, i) => out[i] === undefined))];
    if (missing.length === 0) return out.map((hit) => hit!.value);
    const table = await candidatePeopleTable(source.pool, missing, await source.nameWords(), source.nameStats, this.candidates);
    const answers = new Map(missing.map((c) => [c, knowsCandidate(table, c)]));
    if (this.version === version) for (const [c, known] of answers) this.known.set(c, known, 1);
    return candidates.map((c, i) => (out[i] ? out[i]!.value : answers.get(c)!));
  }

  /** Forgets every answer when the corpus version changed. */
  private at(version: number): void {
    if (this.version === version) return;
    this.version = version;
    this.matches.clear();
    this.known.clear();
    // A new one: a look-up of the old version still running fills the old one.
    this.candidates = new CandidateMemo();
  }
}
