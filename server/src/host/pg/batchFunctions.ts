/**
 * The server-side functions one ingestion batch is written with (schema v7).
 * A batch used to be ~30 statements, one round trip each: at 1M articles a
 * one-article replace took 10–11 ms on a quiet machine, most of it parsing,
 * planning and waiting between statements, not work. Now a batch is four
 * round trips (BEGIN with the lock, {@link REPLACE_FILES_FUNCTION},
 * {@link FINISH_BATCH_FUNCTION}, COMMIT), and PL/pgSQL keeps each statement's
 * plan for the session.
 *
 * What stays on the client is what only our code can compute: the words of
 * the replaced articles (the engine's tokenizer, from their stored text) and
 * the people rows (spellings ordered and named as the in-memory people table
 * does, name words by `nameTokens`). Everything else — deleting and inserting
 * rows, the corpus totals, the people summary (personSummary.ts) — happens in
 * {@link REPLACE_FILES_FUNCTION}, with the same rows as before: the tests
 * compare every table with a fresh ingestion's and the summary with its
 * recomputation.
 *
 * Both functions take only parameters (json payloads and arrays); no SQL is
 * built from input. Changing them means a new migration that replaces them.
 */

/**
 * `factcheck_replace_files(paths, files, articles, sentences, mentions,
 * quotations, dates, extracted_by)`: the files `paths` (replaced or removed)
 * lose their rows, `files` and its articles and their child rows go in
 * (children name their article by file path and position; a text new to the
 * corpus gets its `texts` row and sentences, and a text whose last article
 * went is deleted with its sentences: schema v9), the corpus totals
 * and version move, and the people summary follows. Returns json: `old`, the
 * replaced articles' text and record (their words come off `word_freq`, counted
 * by the client), `touched`, the people the old rows named, and `people`,
 * the mention spellings of every person the batch touched (for the client to rebuild their `people` rows).
 */
export const REPLACE_FILES_FUNCTION = `
CREATE OR REPLACE FUNCTION factcheck_replace_files(p_paths text[], p_files json, p_articles json, p_sentences json, p_mentions json,
    p_quotations json, p_dates json, p_extracted_by text) RETURNS json LANGUAGE plpgsql AS $fn$
DECLARE
  v_old json;
  v_old_tokens bigint;
  v_old_articles bigint;
  v_old_sentences bigint;
  v_old_quotes bigint;
  v_old_dates bigint;
  v_before json;
  v_after json;
  v_delta json;
  v_touched text[];
  v_people json;
  v_roles json;
  v_missing text;
  v_old_texts bigint[];
  v_new_texts bigint[];
BEGIN
  -- What goes: the old articles (their words are counted by the client), the totals they held, the people
  -- they name, and their mentions counted by (person, role, date) for the summary.
  SELECT coalesce(json_agg(json_build_object('text', t.text, 'record', a.record)), '[]'::json),
         coalesce(sum(a.token_count), 0) AS tokens, count(*) AS articles, coalesce(sum(a.sentence_count), 0) AS sentences,
         coalesce(sum(a.quote_count), 0) AS quotes, coalesce(sum(a.event_date_count), 0) AS dates,
         coalesce(array_agg(DISTINCT a.tid), '{}')
    INTO v_old, v_old_tokens, v_old_articles, v_old_sentences, v_old_quotes, v_old_dates, v_old_texts
    FROM articles a JOIN texts t ON t.tid = a.tid WHERE a.file_path = ANY(p_paths);
  -- Through the articles (indexed by file): person_mentions has no index by file.
  SELECT coalesce(json_agg(c), '[]'::json) INTO v_before FROM (
    SELECT pm.key, pm.role, a.date, count(*) AS n FROM articles a JOIN person_mentions pm ON pm.aid = a.aid
    WHERE a.file_path = ANY(p_paths) GROUP BY pm.key, pm.role, a.date) c;
  SELECT coalesce(array_agg(DISTINCT r.key), '{}') INTO v_touched FROM json_to_recordset(v_before) AS r(key text);

  DELETE FROM files WHERE path = ANY(p_paths);
  INSERT INTO files (path, size, hash, indexed, warnings, extracted_by)
    SELECT r.path, r.size, r.hash, r.indexed, r.warnings, p_extracted_by
    FROM json_to_recordset(p_files) AS r(path text, size bigint, hash text, indexed boolean, warnings json);
  -- Texts stored once (schema v9): a text the corpus holds already (a copy; the replaced articles' own, not yet
  -- deleted) keeps its row and sentences when this extraction wrote them; a new one is written, with its sentences
  -- below. A text another extraction wrote (a new factcheck may tokenise or split sentences differently; NULL: a
  -- migrated text) gets this one's words, vector and sentences: kept, they would not match the new records.
  WITH added AS (
    INSERT INTO texts (content_hash, text, norm, tsv, extracted_by)
      SELECT DISTINCT ON (r.content_hash) r.content_hash, r.text, r.norm, CASE WHEN r.lexemes IS NULL THEN NULL ELSE array_to_tsvector(r.lexemes) END,
             p_extracted_by
      FROM json_to_recordset(p_articles) AS r(i int, content_hash text, text text, norm text, lexemes text[])
      ORDER BY r.content_hash, r.i
      ON CONFLICT (content_hash) DO UPDATE SET norm = EXCLUDED.norm, tsv = EXCLUDED.tsv, extracted_by = EXCLUDED.extracted_by
        WHERE texts.extracted_by IS DISTINCT FROM EXCLUDED.extracted_by
      RETURNING tid)
  SELECT coalesce(array_agg(added.tid), '{}') INTO v_new_texts FROM added;
  DELETE FROM sentences WHERE tid = ANY(v_new_texts);
  INSERT INTO articles (id, file_path, file_pos, path, title, publisher, date, url, tid, record, token_count,
                        sentence_count, quote_count, event_date_count)
    SELECT r.id, r.file_path, r.file_pos, r.path, r.title, r.publisher, r.date, r.url, t.tid, r.record, r.token_count,
           r.sentence_count, r.quote_count, r.event_date_count
    FROM json_to_recordset(p_articles) AS r(i int, id text, file_path text, file_pos int, path text, title text, publisher text, date text,
         url text, content_hash text, record json, token_count int, sentence_count int, quote_count int, event_date_count int)
    JOIN texts t ON t.content_hash = r.content_hash
    ORDER BY r.i;
  -- The old articles of these files are gone (cascaded from files): (file_path, file_pos) names a new article.
  -- Sentences are stored once per text (schema v9): only a text new to the corpus gets them, from one of its articles.
  INSERT INTO sentences (tid, idx, tsv)
    SELECT DISTINCT ON (a.tid, r.idx) a.tid, r.idx, array_to_tsvector(r.lexemes)
    FROM json_to_recordset(p_sentences) AS r(file_path text, file_pos int, idx int, lexemes text[])
    JOIN articles a ON a.file_path = r.file_path AND a.file_pos = r.file_pos
    WHERE a.tid = ANY(v_new_texts)
    ORDER BY a.tid, r.idx;
  -- A replaced article's text no article holds any more goes, and its sentences with it.
  DELETE FROM texts t WHERE t.tid = ANY(v_old_texts) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.tid = t.tid);
  INSERT INTO person_mentions (aid, idx, key, full_name, start_offset, end_offset, role, role_start, role_end, file_path, file_pos)
    SELECT a.aid, r.idx, r.key, r.full_name, r.start_offset, r.end_offset, r.role, r.role_start, r.role_end, r.file_path, r.file_pos
    FROM json_to_recordset(p_mentions) AS r(file_path text, file_pos int, idx int, key text, full_name text, start_offset int, end_offset int,
         role text, role_start int, role_end int)
    JOIN articles a ON a.file_path = r.file_path AND a.file_pos = r.file_pos;
  INSERT INTO quotations (aid, idx, start_offset, end_offset, text, speaker, speaker_resolved, speaker_is_organisation, cue)
    SELECT a.aid, r.idx, r.start_offset, r.end_offset, r.text, r.speaker, r.speaker_resolved, r.speaker_is_organisation, r.cue
    FROM json_to_recordset(p_quotations) AS r(file_path text, file_pos int, idx int, start_offset int, end_offset int, text text, speaker text,
         speaker_resolved text, speaker_is_organisation boolean, cue text)
    JOIN articles a ON a.file_path = r.file_path AND a.file_pos = r.file_pos;
  INSERT INTO date_mentions (aid, idx, start_offset, end_offset, text, mention)
    SELECT a.aid, r.idx, r.start_offset, r.end_offset, r.text, r.mention
    FROM json_to_recordset(p_dates) AS r(file_path text, file_pos int, idx int, start_offset int, end_offset int, text text, mention json)
    JOIN articles a ON a.file_path = r.file_path AND a.file_pos = r.file_pos;
  INSERT INTO date_events (key, aid, idx, file_path, file_pos)
    SELECT k, a.aid, r.idx, r.file_path, r.file_pos
    FROM json_to_recordset(p_dates) AS r(file_path text, file_pos int, idx int, keys text[])
    JOIN articles a ON a.file_path = r.file_path AND a.file_pos = r.file_pos
    CROSS JOIN LATERAL unnest(r.keys) AS k;

  UPDATE factcheck_corpus c SET corpus_version = c.corpus_version + 1, token_count = c.token_count + n.tokens - v_old_tokens,
      article_count = c.article_count + n.articles - v_old_articles, sentence_count = c.sentence_count + n.sentences - v_old_sentences,
      quote_count = c.quote_count + n.quotes - v_old_quotes, event_date_count = c.event_date_count + n.dates - v_old_dates,
      updated_at = now()
    FROM (SELECT coalesce(sum(r.token_count), 0) AS tokens, count(*) AS articles, coalesce(sum(r.sentence_count), 0) AS sentences,
                 coalesce(sum(r.quote_count), 0) AS quotes, coalesce(sum(r.event_date_count), 0) AS dates
          FROM json_to_recordset(p_articles) AS r(token_count int, sentence_count int, quote_count int, event_date_count int)) n;

  -- The people summary: the difference between the files' mentions after and before, by (person, role, date);
  -- "new" marks a (person, role) the new rows hold (its first place may move earlier).
  SELECT coalesce(json_agg(c), '[]'::json) INTO v_after FROM (
    SELECT pm.key, pm.role, a.date, count(*) AS n FROM articles a JOIN person_mentions pm ON pm.aid = a.aid
    WHERE a.file_path = ANY(p_paths) GROUP BY pm.key, pm.role, a.date) c;
  SELECT coalesce(json_agg(d), '[]'::json) INTO v_delta FROM (
    SELECT x.key, x.role, x.date, sum(x.n) AS n, bool_or(x.is_new) AS is_new FROM (
      SELECT b.key, b.role, b.date, -b.n AS n, false AS is_new FROM json_to_recordset(v_before) AS b(key text, role text, date text, n bigint)
      UNION ALL
      SELECT f.key, f.role, f.date, f.n, true FROM json_to_recordset(v_after) AS f(key text, role text, date text, n bigint)) x
    GROUP BY x.key, x.role, x.date) d;

  INSERT INTO person_dates AS t (key, date, mentions)
    SELECT d.key, d.date, sum(d.n) FROM json_to_recordset(v_delta) AS d(key text, date text, n bigint)
    WHERE d.date IS NOT NULL GROUP BY d.key, d.date HAVING sum(d.n) <> 0
    ON CONFLICT (key, date) DO UPDATE SET mentions = t.mentions + excluded.mentions;
  DELETE FROM person_dates t USING json_to_recordset(v_delta) AS d(key text, date text)
    WHERE t.key = d.key AND t.date = d.date AND t.mentions <= 0;
  INSERT INTO person_role_dates AS t (key, role, date, mentions)
    SELECT d.key, d.role, d.date, d.n FROM json_to_recordset(v_delta) AS d(key text, role text, date text, n bigint)
    WHERE d.role IS NOT NULL AND d.date IS NOT NULL AND d.n <> 0
    ON CONFLICT (key, role, date) DO UPDATE SET mentions = t.mentions + excluded.mentions;
  DELETE FROM person_role_dates t USING json_to_recordset(v_delta) AS d(key text, role text, date text)
    WHERE t.key = d.key AND t.role = d.role AND t.date = d.date AND t.mentions <= 0;

  -- Each (person, role) the batch touched: its new count, and its first place searched again when the stored
  -- one stood in a replaced file (among all mentions) or when new mentions could come before it (among those).
  SELECT coalesce(json_agg(f), '[]'::json) INTO v_roles FROM (
    WITH p AS (
      SELECT d.key, d.role, sum(d.n) AS delta, bool_or(d.is_new) AS is_new
      FROM json_to_recordset(v_delta) AS d(key text, role text, n bigint, is_new boolean) WHERE d.role IS NOT NULL GROUP BY d.key, d.role),
    s AS (
      SELECT p.key, p.role, p.is_new, coalesce(r.mentions, 0) + p.delta AS mentions, r.first_path, r.first_pos, r.first_idx, r.article_id,
             r.role_start, r.role_end, (r.key IS NULL OR r.first_path = ANY(p_paths)) AS first_gone
      FROM p LEFT JOIN person_roles r ON r.key = p.key AND r.role = p.role)
    SELECT s.key, s.role, s.mentions, s.first_path, s.first_pos, s.first_idx, s.article_id, s.role_start, s.role_end
    FROM s WHERE s.mentions > 0 AND NOT s.first_gone AND NOT s.is_new
    UNION ALL
    SELECT s.key, s.role, s.mentions, b.first_path, b.first_pos, b.first_idx, b.article_id, b.role_start, b.role_end
    FROM s LEFT JOIN LATERAL (
      SELECT c.* FROM (
        SELECT m.file_path AS first_path, m.file_pos AS first_pos, m.idx AS first_idx, a.id AS article_id, m.rs AS role_start, m.re AS role_end
        FROM (SELECT pm.aid, pm.file_path, pm.file_pos, pm.idx, coalesce(pm.role_start, pm.start_offset) AS rs, coalesce(pm.role_end, pm.end_offset) AS re
              FROM person_mentions pm WHERE pm.key = s.key AND pm.role = s.role AND (s.first_gone OR pm.file_path = ANY(p_paths))
              ORDER BY pm.file_path, pm.file_pos, pm.idx LIMIT 1) m
        JOIN articles a ON a.aid = m.aid
        UNION ALL
        SELECT s.first_path, s.first_pos, s.first_idx, s.article_id, s.role_start, s.role_end WHERE NOT s.first_gone) c
      ORDER BY c.first_path COLLATE "C", c.first_pos, c.first_idx LIMIT 1) b ON true
    WHERE s.mentions > 0 AND (s.first_gone OR s.is_new)) f;
  -- Counted but not found would mean the counts and the mentions disagree: fail the batch rather than store a guess.
  SELECT r.key INTO v_missing FROM json_to_recordset(v_roles) AS r(key text, first_path text) WHERE r.first_path IS NULL LIMIT 1;
  IF v_missing IS NOT NULL THEN
    RAISE EXCEPTION 'person summary: no mention found for a counted role (%)', v_missing;
  END IF;
  DELETE FROM person_roles t USING json_to_recordset(v_delta) AS d(key text, role text)
    WHERE t.key = d.key AND t.role = d.role AND d.role IS NOT NULL;
  INSERT INTO person_roles (key, role, mentions, first_path, first_pos, first_idx, article_id, role_start, role_end)
    SELECT r.key, r.role, r.mentions, r.first_path, r.first_pos, r.first_idx, r.article_id, r.role_start, r.role_end
    FROM json_to_recordset(v_roles) AS r(key text, role text, mentions bigint, first_path text, first_pos int, first_idx int, article_id text,
         role_start int, role_end int);

  -- The people the batch touched, old or new: their spellings, counted, with each one's first place.
  SELECT coalesce(json_agg(json_build_object('key', g.key, 'spellings', g.spellings)), '[]'::json) INTO v_people FROM (
    SELECT s.key, json_agg(json_build_array(s.full_name, s.n, s.fp, s.fpos, s.fidx)) AS spellings FROM (
      SELECT pm.key, pm.full_name, count(*)::int AS n,
             (array_agg(pm.file_path ORDER BY pm.file_path, pm.file_pos, pm.idx))[1] AS fp,
             (array_agg(pm.file_pos ORDER BY pm.file_path, pm.file_pos, pm.idx))[1] AS fpos,
             (array_agg(pm.idx ORDER BY pm.file_path, pm.file_pos, pm.idx))[1] AS fidx
      FROM person_mentions pm
      WHERE pm.key = ANY(v_touched || ARRAY(SELECT DISTINCT r.key FROM json_to_recordset(p_mentions) AS r(key text)))
      GROUP BY pm.key, pm.full_name) s
    GROUP BY s.key) g;
  RETURN json_build_object('old', v_old, 'touched', v_touched, 'people', v_people);
END
$fn$;
`;

/**
 * `factcheck_finish_batch(words, occurrences, articles, people, gone,
 * name_words)`: the batch's word counts added to `word_freq` (negative for
 * replaced articles; words no article uses any more dropped), the touched
 * people's rows written (`gone`: keys no mention holds any more), and their
 * name words added to `name_words`.
 */
export const FINISH_BATCH_FUNCTION = `
CREATE OR REPLACE FUNCTION factcheck_finish_batch(p_words text[], p_occurrences bigint[], p_articles bigint[], p_people json, p_gone text[],
    p_name_words text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(p_words) > 0 THEN
    INSERT INTO word_freq AS f (word, occurrences, articles)
      SELECT * FROM unnest(p_words, p_occurrences, p_articles)
      ON CONFLICT (word) DO UPDATE SET occurrences = f.occurrences + excluded.occurrences, articles = f.articles + excluded.articles;
    DELETE FROM word_freq WHERE word = ANY(p_words) AND occurrences <= 0;
  END IF;
  IF cardinality(p_gone) > 0 THEN
    DELETE FROM people WHERE key = ANY(p_gone);
  END IF;
  INSERT INTO people AS p (key, name, spellings, name_words, search_words, occurrences, first_path, first_pos, first_idx, field_length)
    SELECT r.key, r.name, r.spellings, r.name_words, r.search_words, r.occurrences, r.first_path, r.first_pos, r.first_idx, r.field_length
    FROM json_to_recordset(p_people) AS r(key text, name text, spellings text[], name_words text[], search_words text[], occurrences int,
         first_path text, first_pos int, first_idx int, field_length int)
    ON CONFLICT (key) DO UPDATE SET name = excluded.name, spellings = excluded.spellings, name_words = excluded.name_words,
      search_words = excluded.search_words, occurrences = excluded.occurrences, first_path = excluded.first_path,
      first_pos = excluded.first_pos, first_idx = excluded.first_idx, field_length = excluded.field_length;
  -- A word no name uses any more only costs a candidate that finds no one: words are added, never removed.
  INSERT INTO name_words (word, len) SELECT w, char_length(w) FROM unnest(p_name_words) AS w ON CONFLICT DO NOTHING;
END
$fn$;
`;
