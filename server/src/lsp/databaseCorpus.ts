/**
 * A corpus on PostgreSQL for the language server (`factcheck.corpus.database`
 * or `"corpus": {"database": …}` in `.factcheck/config.json`): instead of
 * indexing files in a worker, the server asks a shared database through a
 * `PgCorpusStore`.
 *
 * - A small pool (3 connections) whose sessions carry a short
 *   `statement_timeout`: a look-up on the typing path never hangs a check.
 * - Failures (server down, wrong password, no such database, no schema, a
 *   timeout) put the corpus in the `error` state with a message saying what to
 *   do (the status shows it; one notification per outage), and no finding is
 *   published for them (a check that fails leaves the last diagnostics); the
 *   corpus reconnects by itself (after 2, 4, 8… s, at most a minute) and the
 *   drafts are checked again.
 * - Ingestion bumps the database's corpus version; it is polled, and a new
 *   version gives a new store object, so every document's checker (whose memos
 *   are the per-claim cache) starts afresh.
 * - The URL is shown masked (no password) everywhere.
 */
import { describeDatabaseError, isDatabaseUrl, maskDatabaseUrl } from '../host/pg/connectionText';
import type {
  AlignedSource,
  AlignmentQuery,
  Citation,
  CitationRef,
  CorpusStats,
  CorpusStore,
  DateContextQuery,
  DatedMention,
  PeopleQueryOptions,
  PostHolders,
  PostQuery,
  PostQueryOptions,
  PersonMatch,
  QuotationHits,
  QuotationQuery,
  SearchHit,
  SearchOptions,
  SourcePosition,
} from '../engine/api';
import type { PgCorpusStore, PgPool, StoredSource } from '../host/pg';

/**
 * The PostgreSQL store's modules, loaded when a database corpus first connects: they bring the `pg` driver
 * (~60 ms of the server's start-up, profiled in session 6), which a server on an embedded index never uses.
 */
const loadPg = (): Promise<typeof import('../host/pg')> => import('../host/pg');
import type { CorpusState } from './protocol';

/** Whether a corpus's roots name a database (the workspace puts the URL there alone). */
export function isDatabaseRoots(roots: readonly string[]): boolean {
  return roots.length === 1 && isDatabaseUrl(roots[0]);
}

/** What a database corpus needs from the server. */
export interface DatabaseCorpusHost {
  log(message: string): void;
  /** One notification (an outage is told once, not on every check). */
  warn(message: string): void;
  /** The state, statistics or store changed (status to refresh; drafts to check again when ready). */
  onDidChange(): void;
}

/** Options of a {@link DatabaseCorpus}. */
export interface DatabaseCorpusOptions {
  /** `statement_timeout` of look-ups (default 3,000 ms). */
  statementTimeoutMs?: number;
  /** How often the corpus version is read (default 30 s). */
  pollMs?: number;
  /** The first reconnection delay (default 2 s; doubled up to a minute). */
  retryMs?: number;
}

/** One database corpus: its state, its current store, and the reconnect loop. */
export class DatabaseCorpus {
  state: CorpusState = 'indexing';
  error?: string;
  /** The store of the current corpus version (a new object per version), undefined while not connected. */
  store?: CorpusStore;
  /** Settles when the first connection attempt (or the one in progress) is done. */
  ready: Promise<void>;
  private pool: PgPool | undefined;
  private pg: PgCorpusStore | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private outageTold = false;
  private disposed = false;
  private readonly masked: string;

  constructor(private readonly url: string, private readonly host: DatabaseCorpusHost, private readonly options: DatabaseCorpusOptions = {}) {
    this.masked = maskDatabaseUrl(url);
    this.ready = this.connect();
  }

  /** The URL as shown (password masked). */
  get where(): string {
    return this.masked;
  }

  get stats(): CorpusStats | undefined {
    return this.pg?.stats;
  }

  /** Connects (again), reading the statistics; on failure schedules the next attempt. */
  private async connect(): Promise<void> {
    if (this.disposed) return;
    this.state = 'indexing';
    this.host.onDidChange();
    try {
      const { createPgPool, PgCorpusStore } = await loadPg();
      if (this.disposed) return;
      this.pool ??= createPgPool(this.url, { max: 3, statementTimeoutMs: this.options.statementTimeoutMs ?? 3_000, applicationName: 'factcheck language server' });
      const pg = await PgCorpusStore.open(this.pool);
      if (this.disposed) return;
      if (pg.stats.articles === 0) throw Object.assign(new Error('the database has no articles yet: run `factcheck ingest --db URL PATH…`'), { code: 'EMPTY' });
      this.use(pg);
      this.host.log(`factcheck: corpus database ${this.masked}: ${pg.stats.articles} articles, version ${pg.corpusVersion}`);
      if (this.outageTold) this.host.warn(`Fact Check: the corpus database ${this.masked} is reachable again.`);
      this.failures = 0;
      this.outageTold = false;
      this.schedulePoll();
    } catch (e) {
      this.failed(e);
    }
    this.host.onDidChange();
  }

  private use(pg: PgCorpusStore): void {
    this.pg = pg;
    this.store = new GuardedStore(pg, (e) => this.failedDuringUse(e));
    this.state = 'ready';
    this.error = undefined;
  }

  /** A look-up failed: the corpus is in error until it reconnects. */
  private failedDuringUse(e: unknown): void {
    if (this.state === 'error' || this.disposed) return;
    this.failed(e);
    this.host.onDidChange();
  }

  private failed(e: unknown): void {
    if (this.disposed) return;
    const message = (e as { code?: string }).code === 'EMPTY' ? `corpus database ${this.masked}: ${(e as Error).message}` : describeDatabaseError(e, this.url);
    this.state = 'error';
    this.error = message;
    this.store = undefined;
    this.pg = undefined;
    this.failures++;
    this.host.log(`factcheck: ${message}`);
    if (!this.outageTold) {
      this.outageTold = true;
      this.host.warn(`Fact Check: ${message}. Drafts are not checked until it answers; retrying.`);
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed) return;
    const delay = Math.min(60_000, (this.options.retryMs ?? 2_000) * 2 ** Math.max(0, this.failures - 1));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ready = this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }

  /** Reads the corpus version now and then: an ingestion gives a new store (and so fresh checkers). */
  private schedulePoll(): void {
    if (this.pollTimer || this.disposed) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, this.options.pollMs ?? 30_000);
    this.pollTimer.unref?.();
  }

  /** Checks the corpus version; true when it changed (the store was replaced). */
  async poll(): Promise<boolean> {
    const pg = this.pg;
    if (!pg || this.disposed) return false;
    try {
      const changed = await pg.refresh();
      if (changed && this.pg === pg) {
        const fresh = await (await loadPg()).PgCorpusStore.open(this.pool!);
        this.use(fresh);
        this.host.log(`factcheck: corpus database ${this.masked} changed: ${fresh.stats.articles} articles, version ${fresh.corpusVersion}`);
        this.host.onDidChange();
      }
      this.schedulePoll();
      return changed;
    } catch (e) {
      this.failedDuringUse(e);
      return false;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    void this.pool?.end().catch(() => undefined);
  }
}

/**
 * The store the checks use: the database's, with failures reported to the
 * corpus (which shows them and reconnects) and passed on to the check, which
 * then publishes nothing.
 */
class GuardedStore implements CorpusStore {
  constructor(private readonly pg: PgCorpusStore, private readonly onFailure: (e: unknown) => void) {}

  get stats(): CorpusStats {
    return this.pg.stats;
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      this.onFailure(e);
      throw e;
    }
  }

  findQuotations(q: readonly QuotationQuery[]): Promise<QuotationHits[]> {
    return this.guard(() => this.pg.findQuotations(q));
  }
  findPeople(names: readonly string[], o: PeopleQueryOptions): Promise<Array<PersonMatch | undefined>> {
    return this.guard(() => this.pg.findPeople(names, o));
  }
  knowsPeople(candidates: readonly string[]): Promise<boolean[]> {
    return this.guard(() => this.pg.knowsPeople(candidates));
  }
  findPostHolders(q: readonly PostQuery[], o: PostQueryOptions): Promise<PostHolders[]> {
    return this.guard(() => this.pg.findPostHolders(q, o));
  }
  hasPhrases(phrases: readonly string[]): Promise<boolean[]> {
    return this.guard(() => this.pg.hasPhrases(phrases));
  }
  findDatesInContext(q: readonly DateContextQuery[]): Promise<DatedMention[][]> {
    return this.guard(() => this.pg.findDatesInContext(q));
  }
  findDatesByEvent(keys: ReadonlyArray<readonly string[]>): Promise<DatedMention[][]> {
    return this.guard(() => this.pg.findDatesByEvent(keys));
  }
  findAlignedSentences(q: readonly AlignmentQuery[]): Promise<AlignedSource[][]> {
    return this.guard(() => this.pg.findAlignedSentences(q));
  }
  cite(refs: readonly CitationRef[]): Promise<Citation[]> {
    return this.guard(() => this.pg.cite(refs));
  }
  search(query: string, o?: SearchOptions): Promise<SearchHit[]> {
    return this.guard(() => this.pg.search(query, o));
  }
  /** "Open source" when the file is not on this machine: the article's text as stored (see `host/pg/storedSource.ts`). */
  storedSource(path: string, range: { start: SourcePosition; end: SourcePosition }): Promise<StoredSource | undefined> {
    return this.guard(() => this.pg.storedSource(path, range));
  }
}

/** A store that can give a cited article's stored text (a database corpus's). */
export interface StoredSourceProvider {
  storedSource(path: string, range: { start: SourcePosition; end: SourcePosition }): Promise<StoredSource | undefined>;
}

/** Whether `store` keeps article texts (a database corpus) and can show a source without its file. */
export function hasStoredSources(store: unknown): store is StoredSourceProvider {
  return typeof (store as Partial<StoredSourceProvider> | undefined)?.storedSource === 'function';
}
