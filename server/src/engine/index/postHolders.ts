/**
 * Who the sources give a title: the "title → holders" look-up behind
 * {@link CorpusStore.findPostHolders}. Every role the corpus gives a person
 * is filed under its post keys (`postKeys`: "editor", "editor political",
 * "editor bbc"); a draft's title is looked up by its most specific keys, so
 * "the BBC's political editor" finds the people the sources call the BBC's
 * or the political editor, and the judge (`match/roles.ts`) decides which
 * of them hold the same job.
 *
 * Holders sharing more of the title's keys come first, then those the
 * sources give it more often. The summary ({@link summarisePostHolders}) is shared by every store: the
 * in-memory index feeds it its filed roles, the PostgreSQL store the rows
 * its statement finds, so both answer alike.
 */
import type { CitationRef, PostHolder, PostHolders, PostQuery, PostQueryOptions } from '../corpusStore';
import { postKeys, postQueryKeys } from '../extract/rolePosts';
import { nameKey } from '../extract/nameVariants';
import type { ArticleRecord } from './articleRecord';
import type { PeopleTable, PersonOccurrence } from './peopleTable';
import { BoundedMemo } from '../text/recentMemo';

/** Distinct roles kept per holder. */
const ROLES_PER_HOLDER = 3;

/** A role the sources give a person (one or more mentions with the same words), as the summary reads it. */
export interface FiledRole {
  /** The person's name key and the corpus's spelling of their name. */
  personKey: string;
  name: string;
  role: string;
  /** Where it first stands. */
  ref: CitationRef;
  /** Mentions giving the person these words. */
  count: number;
  /** Earliest and latest article dates of those mentions (ISO), when dated. */
  firstDate?: string;
  lastDate?: string;
}

/**
 * Post keys by role text, computed once per text (they depend on the words
 * alone; a bare post such as "president" files thousands of roles, and a
 * third of Reuters' roles repeat another person's words); read only. Shared
 * by every table: the new index of a corpus update files its roles without
 * computing their keys again (its first title look-up waits for the table).
 */
const keysOfRole = new BoundedMemo<string[]>(20_000);

function filedKeys(r: FiledRole): string[] {
  let keys = keysOfRole.get(r.role);
  if (!keys) keysOfRole.set(r.role, (keys = postKeys(r.role)));
  return keys;
}

/** The post (group) a role names, or undefined: the first of its {@link postKeys}. */
export function rolePost(role: string): string | undefined {
  return postKeys(role)[0];
}

function widen(holder: PostHolder, r: FiledRole): void {
  holder.count += r.count;
  if (r.firstDate !== undefined && (holder.firstDate === undefined || r.firstDate < holder.firstDate)) holder.firstDate = r.firstDate;
  if (r.lastDate !== undefined && (holder.lastDate === undefined || r.lastDate > holder.lastDate)) holder.lastDate = r.lastDate;
  if (holder.roles.length < ROLES_PER_HOLDER && !holder.roles.some((x) => x.role === r.role)) holder.roles.push({ role: r.role, ref: r.ref });
}

function holderOf(r: FiledRole): PostHolder {
  const h: PostHolder = { name: r.name, roles: [], count: 0 };
  widen(h, r);
  return h;
}

function byPlace(a: FiledRole, b: FiledRole): number {
  return a.ref.articleId < b.ref.articleId ? -1 : a.ref.articleId > b.ref.articleId ? 1 : a.ref.span.start - b.ref.span.start || (a.role < b.role ? -1 : a.role > b.role ? 1 : 0);
}

/**
 * Every holder of a title's post keys, ranked as answers list them (more of
 * the title's keys shared first, then more mentions; ties in the order their
 * first role stands), with the person each is. Independent of who asks: an
 * answer drops the queried person and keeps the first few
 * ({@link selectPostHolders}), which is the ranking made without that
 * person's roles, because each holder is summed from their own roles only and
 * the sort is stable.
 */
export interface RankedPostHolders {
  holders: ReadonlyArray<{ personKey: string; holder: PostHolder }>;
}

/** Ranks the holders of `filed` for a title of `role` (only roles filed under one of its query keys count). */
export function rankPostHolders(role: string, filed: readonly FiledRole[]): RankedPostHolders {
  const wanted = new Set(postQueryKeys(role));
  const byPerson = new Map<string, PostHolder>();
  // How many of the query's keys a holder's roles share: "director of the Disaster Preparedness centre at
  // Columbia" is nearer the one who directs that centre than the many directors of something "National".
  const shared = new Map<PostHolder, Set<string>>();
  const personOf = new Map<PostHolder, string>();
  // One order whatever the store's: by where each role first stands (article id, offset).
  for (const r of [...filed].sort(byPlace)) {
    const keys = filedKeys(r).filter((k) => wanted.has(k));
    if (keys.length === 0) continue;
    let h = byPerson.get(r.personKey);
    if (h) widen(h, r);
    else (byPerson.set(r.personKey, (h = holderOf(r))), personOf.set(h, r.personKey));
    const s = shared.get(h) ?? new Set<string>();
    for (const k of keys) s.add(k);
    shared.set(h, s);
  }
  const holders = [...byPerson.values()].sort((a, b) => shared.get(b)!.size - shared.get(a)!.size || b.count - a.count);
  return { holders: holders.map((holder) => ({ personKey: personOf.get(holder)!, holder })) };
}

/** The first `maxHolders` of `ranked` other than the person `query.person` names. */
export function selectPostHolders(query: PostQuery, ranked: RankedPostHolders, options: PostQueryOptions): PostHolder[] {
  const personKey = query.person !== undefined ? nameKey(query.person) : undefined;
  const max = Math.max(0, Math.floor(options.maxHolders));
  const out: PostHolder[] = [];
  for (const { personKey: key, holder } of ranked.holders) {
    // `!(<)`: a maxHolders that is not a number keeps none, as slicing to it did.
    if (!(out.length < max)) break;
    if (key !== personKey) out.push(holder);
  }
  return out;
}

/**
 * The answer to one title query from roles in corpus order: `filed`, the
 * roles filed under any of the query's keys (others are ignored), and
 * `ownRoles`, the queried person's roles (those of the query's post count).
 * `ranked`, when given, is {@link rankPostHolders} of the query's role over
 * the same `filed` (a store that remembers rankings passes it).
 */
export function summarisePostHolders(
  query: PostQuery,
  filed: readonly FiledRole[],
  ownRoles: readonly FiledRole[],
  personDates: { first?: string; last?: string },
  options: PostQueryOptions,
  ranked: RankedPostHolders = rankPostHolders(query.role, filed),
): PostHolders {
  const post = rolePost(query.role);
  const holders = selectPostHolders(query, ranked, options);
  let own: PostHolder | undefined;
  if (post !== undefined) {
    for (const r of [...ownRoles].sort(byPlace)) {
      if (filedKeys(r)[0] !== post) continue;
      if (own) widen(own, r);
      else own = holderOf(r);
    }
  }
  return {
    holders,
    ...(own ? { own } : {}),
    ...(personDates.first !== undefined ? { personFirstDate: personDates.first } : {}),
    ...(personDates.last !== undefined ? { personLastDate: personDates.last } : {}),
  };
}

/**
 * The in-memory index's roles by post key, built on first use (a draft with
 * no title never pays for it) from the people table.
 */
export class PostHolderTable {
  private filed?: Map<string, FiledRole[]>;
  private readonly ownMemo = new Map<string, { roles: FiledRole[]; first?: string; last?: string }>();
  /**
   * Answers by query: a draft asks about the same few titles at every check,
   * and a bare post ("president") sums thousands of filed roles each time.
   * Answers are frozen so that no caller can change another's.
   */
  private readonly answers = new BoundedMemo<PostHolders>(2_000);
  /**
   * Rankings by the title's query keys: every person asking about the same
   * post ("chairman": 747 filed roles in Reuters) shares one, so only the
   * first asker of a post sums its roles.
   */
  private readonly rankings = new BoundedMemo<RankedPostHolders>(500);
  /** Post keys of role texts saved with the index (the index cache), used instead of computing them (see {@link useSavedKeys}). */
  private savedKeys?: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Each distinct role text filed, with its post keys: what the index cache saves. */
  private keysByRole?: Map<string, string[]>;

  constructor(
    private readonly people: PeopleTable,
    private readonly articles: readonly ArticleRecord[],
  ) {}

  /** Answers each query (see {@link CorpusStore.findPostHolders}). */
  find(queries: readonly PostQuery[], options: PostQueryOptions): PostHolders[] {
    return queries.map((q) => {
      const memoKey = `${options.maxHolders}\u0000${q.role}\u0000${q.person ?? ''}`;
      const known = this.answers.get(memoKey);
      if (known) return known;
      const answer = deepFreeze(this.answer(q, options));
      this.answers.set(memoKey, answer);
      return answer;
    });
  }

  /**
   * Files every role under its post keys now rather than at the first title
   * a draft asks about (the look-up warm-up calls it: building the table is
   * most of a first check's cost on a corpus of Reuters' size).
   */
  prepare(): void {
    this.table();
  }

  /**
   * Post keys of role texts as {@link roleKeys} gave them for an index of the
   * same corpus, saved by the same build (the index cache): the table is
   * then filed without computing them (at Reuters-21578, 3,320 role texts:
   * ~125 ms of a fresh worker's CPU, most of the table). They are the same
   * keys, since they depend on the words alone; a role not among them is
   * computed as usual.
   */
  useSavedKeys(keys: ReadonlyArray<readonly [string, readonly string[]]>): void {
    if (!this.filed) this.savedKeys = keys;
  }

  /** Every role text the table files, with its post keys, in the order first filed (builds the table if it is not made). */
  roleKeys(): Array<[string, string[]]> {
    this.table();
    return [...this.keysByRole!];
  }

  private answer(q: PostQuery, options: PostQueryOptions): PostHolders {
    const keys = postQueryKeys(q.role);
    const rankingKey = keys.join('\u0000');
    let ranked = this.rankings.get(rankingKey);
    if (!ranked) {
      const table = this.table();
      const seen = new Set<FiledRole>();
      const filed: FiledRole[] = [];
      for (const k of keys) for (const r of table.get(k) ?? []) if (!seen.has(r)) (seen.add(r), filed.push(r));
      // Frozen: its holders are handed out in every answer about this post.
      ranked = deepFreeze(rankPostHolders(q.role, filed));
      this.rankings.set(rankingKey, ranked);
    }
    const own = q.person !== undefined ? this.personRoles(nameKey(q.person)) : { roles: [] };
    // The filed roles are only read to rank them, done above or by an earlier question about the post.
    return summarisePostHolders(q, [], own.roles, own, options, ranked);
  }

  /** A person's distinct roles and the dates of their mentions. */
  private personRoles(key: string): { roles: FiledRole[]; first?: string; last?: string } {
    let out = this.ownMemo.get(key);
    if (out) return out;
    const entry = this.people.byKey.get(key);
    out = { roles: entry ? this.rolesOf(key, entry.name, entry.occurrences) : [] };
    for (const occ of entry?.occurrences ?? []) {
      const d = this.articles[occ.article].meta.date;
      if (d === undefined) continue;
      if (out.first === undefined || d < out.first) out.first = d;
      if (out.last === undefined || d > out.last) out.last = d;
    }
    if (this.ownMemo.size >= 10_000) this.ownMemo.clear();
    this.ownMemo.set(key, out);
    return out;
  }

  /** One filed role per distinct role text of a person, in corpus order. */
  private rolesOf(key: string, name: string, occurrences: readonly PersonOccurrence[]): FiledRole[] {
    // Most people are never given a role: no map for them.
    let byRole: Map<string, FiledRole> | undefined;
    for (const occ of occurrences) {
      if (!occ.role) continue;
      byRole ??= new Map();
      const date = this.articles[occ.article].meta.date;
      const r = byRole.get(occ.role);
      if (r) {
        r.count++;
        if (date !== undefined && (r.firstDate === undefined || date < r.firstDate)) r.firstDate = date;
        if (date !== undefined && (r.lastDate === undefined || date > r.lastDate)) r.lastDate = date;
        continue;
      }
      byRole.set(occ.role, {
        personKey: key,
        name,
        role: occ.role,
        ref: { articleId: this.articles[occ.article].id, span: { start: occ.roleStart ?? occ.start, end: occ.roleEnd ?? occ.end } },
        count: 1,
        ...(date !== undefined ? { firstDate: date, lastDate: date } : {}),
      });
    }
    return byRole ? [...byRole.values()] : [];
  }

  private table(): Map<string, FiledRole[]> {
    if (this.filed) return this.filed;
    // Saved keys go into the memo every asker reads (a ranking reads its roles' keys there too).
    for (const [role, keys] of this.savedKeys ?? []) if (!keysOfRole.get(role)) keysOfRole.set(role, [...keys]);
    this.savedKeys = undefined;
    const filed = new Map<string, FiledRole[]>();
    const keysByRole = new Map<string, string[]>();
    for (const [key, entry] of this.people.byKey) {
      for (const r of this.rolesOf(key, entry.name, entry.occurrences)) {
        const keys = filedKeys(r);
        if (!keysByRole.has(r.role)) keysByRole.set(r.role, keys);
        for (const k of keys) {
          const list = filed.get(k);
          if (list) list.push(r);
          else filed.set(k, [r]);
        }
      }
    }
    this.filed = filed;
    this.keysByRole = keysByRole;
    return filed;
  }
}

/** Freezes an answer and everything it holds (it is handed out again from the memo). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
