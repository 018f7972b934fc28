/**
 * Grows a bench database by replicating its rows in SQL, for the sizes that
 * ingestion through the extractors cannot reach in the time a bench run has
 * (issue 14: Reuters ×50, about a million articles, would take hours on a
 * shared 2-core machine). Exactly what ingesting the same files again under
 * other paths and ids would store:
 * - every file `ROOT/copyNN/part-XXX.jsonl` gets a replica `ROOT/repK/copyNN/…`
 *   (paths that sort after the originals, so corpus order keeps the originals
 *   first and every person's first mention stays where it was);
 * - every article a replica with a new `aid` (from the identity sequence), the
 *   id suffixed `-rK`, path, id and record's `id`/`path` rewritten; its
 *   person mentions, quotations, dates and event keys copied with
 *   the new `aid` and path;
 * - word frequencies, the corpus's token count and people's occurrence counts
 *   multiplied by the factor (what ingestion's bookkeeping would reach);
 *   people's names, spellings and first places unchanged (the replicas add no
 *   name and come later in corpus order).
 * A replica names its original's text (`tid`, schema v9): texts and their
 * sentences are stored once, so they are not copied.
 * For speed the article, event and mention indexes are dropped during the copy and
 * rebuilt after (`maintenance_work_mem` raised), then the table is analysed.
 */
import type { PgPool } from '../../server/src/host/pg';
import { backfillPersonSummary } from '../../server/src/host/pg/personSummary';

/** Indexes rebuilt after the copy (their definitions as in the schema). */
const REBUILT = [
  { name: 'articles_text_order', sql: 'CREATE INDEX articles_text_order ON articles (tid, file_path, file_pos) INCLUDE (aid)' },
  { name: 'person_mentions_key', sql: 'CREATE INDEX person_mentions_key ON person_mentions (key, file_path, file_pos, idx)' },
  { name: 'date_events_key', sql: 'CREATE INDEX date_events_key ON date_events (key, file_path, file_pos, idx)' },
  { name: 'date_events_aid', sql: 'CREATE INDEX date_events_aid ON date_events (aid)' },
  { name: 'articles_id', sql: 'CREATE INDEX articles_id ON articles USING hash (id)' },
];

/**
 * Multiplies the corpus under `root` (ingested from `root/copyNN/…`) by
 * `factor`: `factor - 1` replicas. Reports progress through `log`.
 */
export async function replicateCorpus(pool: PgPool, root: string, factor: number, log: (line: string) => void): Promise<void> {
  const from = `${root}/`;
  const like = `${root}/copy%`;
  await pool.query('SET maintenance_work_mem = \'512MB\'').catch(() => undefined);
  for (const ix of REBUILT) await pool.query(`DROP INDEX IF EXISTS ${ix.name}`);
  for (let r = 2; r <= factor; r++) {
    const started = Date.now();
    const to = `${root}/rep${String(r).padStart(2, '0')}/`;
    const suffix = `-r${r}`;
    await pool.transaction(async (c) => {
      await c.query("SET LOCAL statement_timeout = '2h'");
      await c.query(`CREATE TEMP TABLE amap ON COMMIT DROP AS
        SELECT aid AS old, nextval(pg_get_serial_sequence('articles', 'aid')) AS new FROM articles WHERE file_path LIKE $1`, [like]);
      await c.query('INSERT INTO files (path, size, hash, indexed, warnings) SELECT replace(path, $1, $2), size, hash, indexed, warnings FROM files WHERE path LIKE $3', [from, to, like]);
      await c.query(
        `INSERT INTO articles (aid, id, file_path, file_pos, path, title, publisher, date, url, tid, record,
                               token_count, sentence_count, quote_count, event_date_count)
         OVERRIDING SYSTEM VALUE
         SELECT m.new, a.id || $3, replace(a.file_path, $1, $2), a.file_pos, replace(a.path, $1, $2), a.title, a.publisher, a.date, a.url, a.tid,
                jsonb_set(jsonb_set(a.record::jsonb, '{id}', to_jsonb(a.id || $3)), '{path}', to_jsonb(replace(a.path, $1, $2)))::json,
                a.token_count, a.sentence_count, a.quote_count, a.event_date_count
         FROM articles a JOIN amap m ON m.old = a.aid`,
        [from, to, suffix],
      );
      // Texts and sentences are stored per text (schema v9): a copy shares its original's.
      await c.query(
        `INSERT INTO person_mentions SELECT m.new, p.idx, p.key, p.full_name, p.start_offset, p.end_offset, p.role, p.role_start, p.role_end, replace(p.file_path, $1, $2), p.file_pos
         FROM person_mentions p JOIN amap m ON m.old = p.aid`,
        [from, to],
      );
      await c.query(`INSERT INTO quotations SELECT m.new, q.idx, q.start_offset, q.end_offset, q.text, q.speaker, q.speaker_resolved, q.speaker_is_organisation, q.cue
                     FROM quotations q JOIN amap m ON m.old = q.aid`);
      await c.query(`INSERT INTO date_mentions SELECT m.new, d.idx, d.start_offset, d.end_offset, d.text, d.mention FROM date_mentions d JOIN amap m ON m.old = d.aid`);
      await c.query(`INSERT INTO date_events SELECT e.key, m.new, e.idx, replace(e.file_path, $1, $2), e.file_pos FROM date_events e JOIN amap m ON m.old = e.aid`, [from, to]);
    });
    log(`replica ${r}/${factor} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await pool.transaction(async (c) => {
    await c.query('UPDATE word_freq SET occurrences = occurrences * $1, articles = articles * $1', [factor]);
    await c.query('UPDATE people SET occurrences = occurrences * $1', [factor]);
    await c.query(
      `UPDATE factcheck_corpus SET token_count = token_count * $1, article_count = article_count * $1, sentence_count = sentence_count * $1,
         quote_count = quote_count * $1, event_date_count = event_date_count * $1, corpus_version = corpus_version + 1, updated_at = now()`,
      [factor],
    );
    // The people summary (schema v5) counted again from the copied mentions, as the v4 → v5 migration fills it.
    await c.query('TRUNCATE person_roles, person_role_dates, person_dates');
    await backfillPersonSummary(c);
  });
  for (const ix of REBUILT) {
    const started = Date.now();
    await pool.query(ix.sql);
    log(`index ${ix.name} rebuilt in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await pool.query('VACUUM ANALYZE');
}
