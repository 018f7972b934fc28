/**
 * The PostgreSQL corpus store, as hosts use it: open a pool, create or migrate
 * the schema, ingest a corpus source, and open the store for checks.
 *
 * @example
 * const pool = createPgPool(url);
 * await ingest(pool, createFsCorpusSource(['corpus']), { prune: true });
 * const store = await PgCorpusStore.open(pool);
 * const findings = await checkDraft(text, store);
 */
export { createPgPool } from './pool';
export type { PgPool, PgPoolOptions } from './pool';
export { initSchema, schemaVersion, SCHEMA_VERSION } from './schema';
export type { SchemaReport } from './schema';
export { ingest } from './ingest';
export type { IngestOptions, IngestProgress, IngestReport } from './ingest';
export { PgCorpusStore } from './pgCorpusStore';
export type { PgCorpusStoreOptions } from './pgCorpusStore';
export type { StoredSource } from './storedSource';
