/**
 * The editor's warm start (issue 13, session 8): the tables an index makes
 * on first use — the fuzzy name index and the title table's post keys — are
 * saved in the index cache (format 8; the people table since format 9) and made from it on a warm start, with
 * the same answers; a damaged section is refused with a message and the
 * corpus rebuilt. And the language server's corpus worker hands a new index
 * out before it saves the cache: the save comes after, writes what the
 * opening held, and an open or update asked meanwhile waits for it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import MiniSearch from 'minisearch';
import { buildCorpusIndex, decodeIndexCache, IndexCacheError, encodeIndexCacheParts, openCorpus, type CorpusIndex, type IndexCacheStore } from '../../server/src/engine/api';
import { decodeNameIndex, decodePeopleTable, decodeRoleKeys, encodeNameIndex, encodePeopleTable, encodeRoleKeys } from '../../server/src/engine/cache/savedTables';
import { buildPeopleTable, type PeopleTable } from '../../server/src/engine/index/peopleTable';
import { OCCURRENCE_INTS, peopleTableFromImage, peopleTableImage, type PeopleTableImage } from '../../server/src/engine/index/savedPeopleTable';
import { nameIndexImage, restoreNameIndex } from '../../server/src/engine/index/savedNameIndex';
import { NAME_FUZZY, SURNAME_FUZZY_EDITS } from '../../server/src/engine/index/personLookup';
import { serveCorpus } from '../../server/src/host/corpusWorker';
import type { WorkerMessage } from '../../server/src/host/corpusWorkerProtocol';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { ABANDONED_TEMPORARY_MS, cacheFileFor, removeAbandonedTemporaries, writeIndexCacheFile } from '../../server/src/host/fsIndexCache';
import { openFsCorpus, type OpenFsCorpusOptions } from '../../server/src/host/openFsCorpus';
import { contentHash } from '../../server/src/host/contentHash';
import { scratchDir } from '../helpers';

/** A corpus naming many people, some alike (Jon/John, Smyth/Smith), each with a title, some shared. */
function peopleCorpus(): string {
  const first = ['John', 'Jon', 'Joan', 'Paul', 'Maria', 'Mario', 'Hyun-woo', 'Zoë', 'Aleksander', 'Kim'];
  const last = ['Smith', 'Smyth', 'Ryan', 'Rayne', 'Ostrowska', 'Lee', 'Li', 'Schwarzenegger', "O'Neill"];
  const titles = ['the finance minister', 'chairman of Acme Corp', 'the BBC political editor', 'Treasury Secretary', 'chief executive of Globex'];
  const lines: string[] = [];
  let n = 0;
  for (const f of first) {
    for (const l of last) {
      const title = titles[n % titles.length];
      lines.push(JSON.stringify({ id: `p${n++}`, date: `2024-0${1 + (n % 9)}-1${n % 10}`, text: `${f} ${l}, ${title}, said the budget would pass. ${f} ${l} told reporters so on Monday.` }));
    }
  }
  return lines.join('\n') + '\n';
}

/** Names of the corpus and near misses of them (the fuzzy paths), and titles with and without a person. */
function questions(index: CorpusIndex): { names: string[]; titles: Array<{ role: string; person?: string }> } {
  const known = [...new Set(index.articles.flatMap((a) => a.people.map((p) => p.fullName)))];
  const names = [...known, ...known.map((n) => `${n}${n.slice(-1)}`), ...known.map((n) => n.slice(0, -2) + n.slice(-1)), 'Jhon Smiht', 'Nobody Atall'];
  const roles = [...new Set(index.articles.flatMap((a) => a.people.flatMap((p) => (p.role ? [p.role.text] : []))))];
  const titles = [...roles.map((role) => ({ role })), ...roles.map((role, i) => ({ role, person: known[i % known.length] })), { role: 'chairman' }, { role: 'finance minister', person: 'Paul Ryan' }];
  return { names, titles };
}

/** Every answer the name and title look-ups give for `q`, as JSON. */
async function answers(index: CorpusIndex, q: ReturnType<typeof questions>): Promise<string> {
  return JSON.stringify({
    known: await index.knowsPeople(q.names),
    people: await index.findPeople(q.names, { maxCitations: 3 }),
    titles: await index.findPostHolders(q.titles, { maxHolders: 8 }),
  });
}

function writeCorpus(): { dir: string; corpus: string; opts: OpenFsCorpusOptions } {
  const dir = scratchDir('factcheck-savedtables-');
  const corpus = path.join(dir, 'people.jsonl');
  writeFileSync(corpus, peopleCorpus());
  return { dir, corpus, opts: { cacheDir: path.join(dir, 'cache'), buildId: 'b', extractionWorkers: 0 } };
}

test('the name index image gives back MiniSearch exactly: the same state, walk order and hits; it fits its own people only', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([writeCorpus().corpus]));
  const fuzzy = index.people.fuzzy;
  const image = nameIndexImage(fuzzy);
  assert.ok(image, 'a MiniSearch 7 index of one field is imaged');
  assert.ok(image.ids.length >= 80 && image.termDocs.length > image.ids.length, `${image.ids.length} people, ${image.termDocs.length} postings`);
  const decoded = decodeNameIndex(encodeNameIndex(image));
  assert.deepEqual(decoded, image);
  const restored = restoreNameIndex(decoded, index.people);
  assert.ok(restored);
  assert.deepEqual(restored.toJSON(), fuzzy.toJSON());
  type Walkable = { _index: { keys(): Iterable<string> } };
  assert.deepEqual([...(restored as unknown as Walkable)._index.keys()], [...(fuzzy as unknown as Walkable)._index.keys()], 'the same walk order (it orders tied hits)');
  for (const q of questions(index).names.map((n) => n.toLowerCase())) {
    for (const options of [{ fuzzy: NAME_FUZZY, combineWith: 'OR' }, { fuzzy: SURNAME_FUZZY_EDITS }, { fuzzy: (t: string) => (t.length >= 4 ? SURNAME_FUZZY_EDITS : false), combineWith: 'AND' }] as const) {
      assert.deepEqual(restored.search(q, options), fuzzy.search(q, options), q);
    }
  }
  // Other people (or the same in another order) are not the image's: the caller makes the index from its table.
  const other = (await buildCorpusIndex(createFsCorpusSource([path.join(__dirname, '..', '..', '..', 'corpus')]))).index;
  assert.equal(restoreNameIndex(image, other.people), undefined);
  const reordered = { ...image, ids: [...image.ids].reverse() };
  assert.equal(restoreNameIndex(reordered, index.people), undefined);
});

test('a damaged name index or role keys section does not decode', () => {
  const image = nameIndexImage(
    (() => {
      const m = new MiniSearch<{ id: string; name: string }>({ fields: ['name'], storeFields: [] });
      m.addAll([{ id: 'a', name: 'Ann Lee' }, { id: 'b', name: 'Anne Li' }, { id: 'c', name: 'Bob Lee' }]);
      return m;
    })(),
  )!;
  const good = encodeNameIndex(image);
  assert.deepEqual(decodeNameIndex(good), image);
  // At an odd place in a larger buffer (a Node Buffer's `slice` is a view, not a copy).
  assert.deepEqual(decodeNameIndex(Buffer.concat([Buffer.alloc(1), Buffer.from(good)]).subarray(1)), image);
  const damaged: Array<[string, NonNullable<ReturnType<typeof nameIndexImage>>]> = [
    ['a node short', { ...image, shape: image.shape.slice(0, -1) }],
    ['a key too many', { ...image, labels: [...image.labels, 'x'] }],
    ['a posting past the documents', { ...image, termDocs: image.termDocs.map((d) => d + 3) }],
    ['starts falling', { ...image, termStart: image.termStart.map((s, i) => (i === 1 ? 99 : s)) }],
    ['field lengths short', { ...image, fieldLengths: image.fieldLengths.slice(1) }],
  ];
  for (const [what, bad] of damaged) assert.throws(() => decodeNameIndex(encodeNameIndex(bad)), IndexCacheError, what);
  assert.throws(() => decodeNameIndex(good.subarray(0, good.length - 4)), IndexCacheError, 'truncated');
  const keys: Array<[string, string[]]> = [['Finance Minister', ['minister finance', 'minister']], ['chairman', []], ['rôle \u{1F600}', ['x']]];
  const bytes = encodeRoleKeys(keys);
  assert.deepEqual(decodeRoleKeys(bytes), keys);
  const miscounted = bytes.slice();
  new Uint32Array(miscounted.buffer, 8, 1)[0] = 5;
  assert.throws(() => decodeRoleKeys(miscounted), IndexCacheError, 'more keys than strings');
  assert.throws(() => decodeRoleKeys(bytes.subarray(0, bytes.length - 1)), IndexCacheError, 'truncated');
});

/** A people table as plain data in its orders: entries with their fields in order (an absent role is a field set to undefined), and the token lists. */
function plainPeople(t: PeopleTable): unknown {
  return {
    byKey: [...t.byKey].map(([k, e]) => [k, Object.entries(e).map(([f, v]) => [f, f === 'occurrences' ? (v as object[]).map((o) => Object.entries(o)) : v])]),
    byToken: [...t.byToken],
  };
}

test('the people table image gives back the table exactly (entries, spellings, occurrences, token lists, in their orders); it fits its own corpus only', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([writeCorpus().corpus]));
  const built = index.people;
  const image = peopleTableImage(built);
  const withRole = [...built.byKey.values()].flatMap((e) => e.occurrences).filter((o) => o.role !== undefined).length;
  const occurrences = image.occurrences.length / OCCURRENCE_INTS;
  assert.ok(image.roles.length >= 3 && withRole > 0 && withRole < occurrences, `${image.roles.length} roles, ${occurrences} occurrences, ${withRole} with a role`);
  const decoded = decodePeopleTable(encodePeopleTable(image));
  assert.deepEqual(decoded, image);
  const lengths = index.articles.map((a) => a.text.length);
  const restored = peopleTableFromImage(decoded, lengths);
  assert.ok(restored);
  assert.deepEqual(plainPeople(restored), plainPeople(built));
  assert.ok(Object.getOwnPropertyDescriptor(restored, 'fuzzy')?.get, 'the fuzzy index is made on first use, as in a built table');
  assert.deepEqual(restored.fuzzy.toJSON(), built.fuzzy.toJSON());
  // One string per role text, as the built table shares them.
  const roles = [...restored.byKey.values()].flatMap((e) => e.occurrences.flatMap((o) => (o.role === undefined ? [] : [o.role])));
  assert.ok(roles.every((r) => decoded.roles.includes(r)));
  // Another corpus (fewer articles, shorter texts) does not take it.
  assert.equal(peopleTableFromImage(decoded, lengths.slice(0, 3)), undefined);
  assert.equal(peopleTableFromImage(decoded, lengths.map(() => 10)), undefined);
  // A table without people or roles.
  const empty = buildPeopleTable([]);
  assert.deepEqual(plainPeople(peopleTableFromImage(decodePeopleTable(encodePeopleTable(peopleTableImage(empty))), [])!), plainPeople(empty));
});

test('a damaged people section does not decode', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([writeCorpus().corpus]));
  const image = peopleTableImage(index.people);
  const good = encodePeopleTable(image);
  assert.deepEqual(decodePeopleTable(Buffer.concat([Buffer.alloc(1), Buffer.from(good)]).subarray(1)), image, 'at an odd place in a larger buffer');
  const occ = (f: (o: Uint32Array) => void): Uint32Array => {
    const o = image.occurrences.slice();
    f(o);
    return o;
  };
  const damaged: Array<[string, PeopleTableImage]> = [
    ['a spelling short', { ...image, entryStrings: image.entryStrings.slice(0, -1) }],
    ['counts of people differ', { ...image, occurrenceCounts: image.occurrenceCounts.slice(1) }],
    ['an occurrence too many', { ...image, occurrences: Uint32Array.from([...image.occurrences, 0, 0, 0, 0, 0, 0]) }],
    ['a mention ending before it starts', { ...image, occurrences: occ((o) => (o[1] = o[2] + 1)) }],
    ['a role that is not there', { ...image, occurrences: occ((o) => (o[3] = image.roles.length + 1)) }],
    ['a role span without a role', { ...image, occurrences: occ((o) => ((o[3] = 0), (o[4] = 1), (o[5] = 2))) }],
    ['a token naming nobody', { ...image, tokenKeys: image.tokenKeys.map(() => image.spellingCounts.length) }],
    ['a token list short', { ...image, tokenKeys: image.tokenKeys.slice(1) }],
    ['a key twice', { ...image, entryStrings: image.entryStrings.map((s, i) => (i === 2 + image.spellingCounts[0] ? image.entryStrings[0] : s)) }],
  ];
  for (const [what, bad] of damaged) assert.throws(() => decodePeopleTable(encodePeopleTable(bad)), IndexCacheError, what);
  assert.throws(() => decodePeopleTable(good.subarray(0, good.length - 4)), IndexCacheError, 'truncated');
  const miscounted = good.slice();
  new Uint32Array(miscounted.buffer, 8, 1)[0] += 1; // roles in the header
  assert.throws(() => decodePeopleTable(miscounted), IndexCacheError, 'roles miscounted');
});

test('a cache whose people section is damaged is refused with a message, rebuilt and saved again', async () => {
  const { corpus, opts } = writeCorpus();
  const cold = await openFsCorpus([corpus], opts);
  const expected = await answers(cold.index, questions(cold.index));
  const file = cacheFileFor(opts.cacheDir!, [corpus]);
  const c = decodeIndexCache(readFileSync(file).subarray(32));
  const people = c.tables!.people!;
  const tokens = { ...c.tokens!, ...c.postings! };
  await writeIndexCacheFile(file, encodeIndexCacheParts(c.manifest, (p) => c.records.get(p), tokens, () => ({ ...c.tables!, people: { ...people, tokens: people.tokens.slice(1) } })));
  const messages: string[] = [];
  const r = await openFsCorpus([corpus], { ...opts, onMessage: (m) => messages.push(m) });
  assert.match(messages.join('\n'), /index cache .* is corrupt \(people: .*\); rebuilding/);
  assert.equal(r.cache.status, 'miss');
  assert.equal(r.cache.saved, true);
  assert.equal(await answers(r.index, questions(r.index)), expected);
  assert.equal((await openFsCorpus([corpus], opts)).cache.status, 'hit');
});

test('a warm open makes the name index and the title table from the cache: nothing indexed or keyed again, the same answers', async () => {
  const { corpus, opts } = writeCorpus();
  const cold = await openFsCorpus([corpus], opts);
  assert.equal(cold.cache.saved, true);
  const q = questions(cold.index);
  const expected = await answers(cold.index, q);
  const saved = decodeIndexCache(readFileSync(cacheFileFor(opts.cacheDir!, [corpus])).subarray(32));
  assert.ok(saved.tables?.nameIndex && saved.tables.roleKeys.length >= 3 && saved.tables.people, `the tables are saved: ${JSON.stringify(saved.tables?.roleKeys)}`);
  // In a process of its own: this one has computed the post keys already (a memo shared by every index).
  const out = path.join(__dirname, '..', '..');
  const script = `
    const MiniSearch = require('minisearch');
    const rolePosts = require(${JSON.stringify(path.join(out, 'server/src/engine/extract/rolePosts'))});
    const { openFsCorpus } = require(${JSON.stringify(path.join(out, 'server/src/host/openFsCorpus'))});
    const peopleTable = require(${JSON.stringify(path.join(out, 'server/src/engine/index/peopleTable'))});
    const counts = { addAll: 0, postKeysFilingTheTable: 0, buildPeopleTable: 0 };
    const buildPeopleTable = peopleTable.buildPeopleTable;
    peopleTable.buildPeopleTable = (...a) => (counts.buildPeopleTable++, buildPeopleTable(...a));
    let keyed = 0;
    const addAll = MiniSearch.prototype.addAll;
    MiniSearch.prototype.addAll = function (...a) { counts.addAll++; return addAll.apply(this, a); };
    const postKeys = rolePosts.postKeys;
    rolePosts.postKeys = (...a) => (keyed++, postKeys(...a));
    (async () => {
      const q = JSON.parse(process.argv[1]);
      const warm = await openFsCorpus([${JSON.stringify(corpus)}], ${JSON.stringify(opts)});
      const index = warm.index;
      // Its stats count the people and dates without making either table (the worker sends them at hand-out).
      const stats = JSON.stringify(index.stats);
      const tablesMadeForStats = index.peopleMade !== undefined || index.datesMade !== undefined;
      // The title table, filed as the worker's warm-up files it: keyed from the cache, not by postKeys.
      const before = keyed;
      index.postHolders.prepare();
      counts.postKeysFilingTheTable = keyed - before;
      const found = JSON.stringify({
        known: await index.knowsPeople(q.names),
        people: await index.findPeople(q.names, { maxCitations: 3 }),
        titles: await index.findPostHolders(q.titles.filter((t) => !t.person), { maxHolders: 8 }),
      });
      process.stdout.write(JSON.stringify({ status: warm.cache.status, counts, found, stats, tablesMadeForStats }));
    })();`;
  const child = JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(q)], { cwd: out, encoding: 'utf8' })) as { status: string; counts: unknown; found: string; stats: string; tablesMadeForStats: boolean };
  assert.equal(child.status, 'hit');
  assert.equal(child.stats, JSON.stringify(cold.index.stats));
  assert.equal(child.tablesMadeForStats, false);
  // Without the saved tables the first name look-up indexes every spelling, the title table keys every role text
  // and the people table is made from every article's people.
  assert.deepEqual(child.counts, { addAll: 0, postKeysFilingTheTable: 0, buildPeopleTable: 0 });
  const e = JSON.parse(expected) as { known: unknown; people: unknown; titles: unknown[] };
  const bare = q.titles.map((t, i) => [t, e.titles[i]] as const).filter(([t]) => !t.person).map(([, a]) => a);
  assert.equal(child.found, JSON.stringify({ known: e.known, people: e.people, titles: bare }));
  // In this process too: a warm index answers everything as the cold one.
  const warm = await openFsCorpus([corpus], opts);
  assert.equal(warm.cache.status, 'hit');
  assert.equal(await answers(warm.index, q), expected);
});

test('a cache whose name index section is damaged is refused with a message, rebuilt and saved again', async () => {
  const { corpus, opts } = writeCorpus();
  const cold = await openFsCorpus([corpus], opts);
  const expected = await answers(cold.index, questions(cold.index));
  const file = cacheFileFor(opts.cacheDir!, [corpus]);
  const c = decodeIndexCache(readFileSync(file).subarray(32));
  const ni = c.tables!.nameIndex!;
  // Written with the installation's key (what a bug in the writer could do): authenticated, yet it does not decode.
  const tokens = { ...c.tokens!, ...c.postings! };
  await writeIndexCacheFile(file, encodeIndexCacheParts(c.manifest, (p) => c.records.get(p), tokens, () => ({ roleKeys: c.tables!.roleKeys, nameIndex: { ...ni, labels: ni.labels.slice(1) } })));
  const messages: string[] = [];
  const r = await openFsCorpus([corpus], { ...opts, onMessage: (m) => messages.push(m) });
  assert.match(messages.join('\n'), /index cache .* is corrupt \(more keys than the tree has places|fewer keys than the tree has places|.*\); rebuilding/);
  assert.equal(r.cache.status, 'miss');
  assert.equal(r.cache.saved, true);
  assert.equal(await answers(r.index, questions(r.index)), expected);
  const again: string[] = [];
  assert.equal((await openFsCorpus([corpus], { ...opts, onMessage: (m) => again.push(m) })).cache.status, 'hit');
  assert.deepEqual(again, []);
});

test('deferred save: the index is handed out before the save, which writes what the opening held, once', async () => {
  const dir = scratchDir('factcheck-deferred-');
  const corpus = path.join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(path.join(corpus, 'a.txt'), 'Finance minister Maria Lopez said on Monday that taxes would not rise.');
  writeFileSync(path.join(corpus, 'b.txt'), 'Port director John Smith said the harbour would not be sold.');
  const bodies: Uint8Array[] = [];
  const store: IndexCacheStore = {
    name: 'memory',
    load: async () => undefined,
    save: async (parts) => {
      const list = [...parts];
      const body = new Uint8Array(list.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of list) (body.set(p, at), (at += p.length));
      bodies.push(body);
    },
  };
  const opened = await openCorpus(createFsCorpusSource([corpus]), { buildId: 'b', hash: contentHash, store, deferSave: true });
  assert.equal(bodies.length, 0, 'not saved before the index is handed out');
  assert.equal(opened.cache.saved, false);
  assert.ok(opened.save);
  // The corpus changes before the save runs: the save still writes the opening's corpus.
  const held = opened.builder.paths().map((p) => opened.builder.recordsOf(p)!.map((r) => r.text));
  writeFileSync(path.join(corpus, 'b.txt'), 'Port director Jane Doe said the harbour would be sold after all.');
  const { updateCorpus } = await import('../../server/src/engine/api');
  assert.ok((await updateCorpus(opened.builder, createFsCorpusSource([corpus]), () => true, { hash: contentHash })).index);
  assert.equal(await opened.save(), true);
  assert.equal(await opened.save(), true);
  assert.equal(bodies.length, 1, 'saved once');
  const saved = decodeIndexCache(bodies[0]);
  assert.deepEqual(saved.manifest.files.map((f) => saved.records.get(f.path)!.map((r) => r.text)), held);
  assert.ok(saved.tables?.roleKeys, 'with its tables');
  // Without `deferSave`, the opening saves before it returns, as before.
  const now = await openCorpus(createFsCorpusSource([corpus]), { buildId: 'b', hash: contentHash, store });
  assert.equal(now.cache.saved, true);
  assert.equal(now.save, undefined);
  assert.equal(bodies.length, 2);
});

test('the corpus worker answers an open before it saves the cache; an update asked meanwhile waits for the save', async () => {
  const { dir, corpus } = writeCorpus();
  const cacheDir = path.join(dir, 'worker-cache');
  const cacheFile = cacheFileFor(cacheDir, [corpus]);
  const { port1, port2 } = new MessageChannel();
  serveCorpus(port1);
  const replies = new Map<number, { saved: boolean; message: WorkerMessage }>();
  const waiting = new Map<number, () => void>();
  port2.on('message', (m: WorkerMessage) => {
    if (m.kind !== 'done' && m.kind !== 'failed') return;
    replies.set(m.id, { saved: existsSync(cacheFile), message: m });
    waiting.get(m.id)?.();
  });
  const reply = (id: number) => new Promise<void>((resolve) => (replies.has(id) ? resolve() : waiting.set(id, resolve)));
  try {
    port2.postMessage({ kind: 'open', id: 1, roots: [corpus], options: { buildId: 'b', cacheDir } });
    await reply(1);
    assert.equal(replies.get(1)!.message.kind, 'done', JSON.stringify(replies.get(1)!.message));
    assert.equal(replies.get(1)!.saved, false, 'the index is handed out before the cache is saved');
    port2.postMessage({ kind: 'update', id: 2, changed: [corpus], removed: [] });
    await reply(2);
    assert.equal(replies.get(2)!.saved, true, 'an update runs once the save is done');
    assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')), []);
    const warm = await openFsCorpus([corpus], { cacheDir, buildId: 'b', extractionWorkers: 0 });
    assert.equal(warm.cache.status, 'hit');
  } finally {
    port2.close();
    port1.close();
  }
});

test('temporary cache files a writer abandoned are removed before the next save; recent ones and other files stay', async () => {
  const dir = scratchDir('factcheck-abandoned-');
  const file = path.join(dir, 'index-x.fcidx');
  const old = `${file}.123.0badc0de.tmp`;
  const recent = `${file}.456.00c0ffee.tmp`;
  const other = path.join(dir, 'notes.tmp');
  for (const f of [old, recent, other]) writeFileSync(f, 'x');
  const past = new Date(Date.now() - ABANDONED_TEMPORARY_MS - 60_000);
  utimesSync(old, past, past);
  utimesSync(other, past, past);
  await removeAbandonedTemporaries(file);
  assert.deepEqual(readdirSync(dir).sort(), [path.basename(recent), 'notes.tmp'].sort());
});

test('an index makes its people, date and title tables on first use: a verbatim look-up makes none, and the stats count them when read', async () => {
  const { index: built } = await buildCorpusIndex(createFsCorpusSource([writeCorpus().corpus]));
  const { CorpusIndex } = await import('../../server/src/engine/api');
  const index = new CorpusIndex(built.articles, 1, built.tokens);
  const made = () => {
    const i = index as unknown as { peopleMade?: unknown; datesMade?: unknown; postHolderTable?: unknown };
    return { people: i.peopleMade !== undefined, dates: i.datesMade !== undefined, titles: i.postHolderTable !== undefined };
  };
  const quote = index.articles[0].text.split(' ').slice(0, 6).join(' ');
  const { tokenize } = await import('../../server/src/engine/api');
  assert.ok((await index.findQuotations([{ segments: [{ tokens: tokenize(quote) }], closest: false }]))[0].exact.length > 0);
  assert.deepEqual(await index.hasPhrases([quote]), [true]);
  assert.deepEqual(made(), { people: false, dates: false, titles: false });
  assert.equal(index.stats.people, built.people.byKey.size);
  assert.equal(index.stats.dates, built.dates.entries.length);
  assert.deepEqual(JSON.parse(JSON.stringify(index.stats)), JSON.parse(JSON.stringify(built.stats)));
  assert.deepEqual(made(), { people: true, dates: true, titles: false });
  assert.equal(await answers(index, questions(index)), await answers(built, questions(built)));
});
