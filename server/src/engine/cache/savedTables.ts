/**
 * The index cache's sections of tables an index makes on first use (format
 * 8, issue 13): the fuzzy name index (`nameIndex`) and the title table's
 * post keys by role text (`roleKeys`). A warm start makes them from these
 * instead of from the corpus (`CorpusIndex.useSavedTables`): they were a
 * fresh corpus worker's first-use builds, on the path to the first
 * diagnostics. Both are decoded whole and checked (every count and bound;
 * {@link IndexCacheError} otherwise), in the writer's byte order.
 *
 *     nameIndex: "FCNI" | ids | labels | nodes | term starts | postings | 0 | 0
 *                | average field length (f64) | field lengths, nodes' key counts,
 *                term starts, posting ids, posting frequencies (u32 each)
 *                | ids (string list) | pad to 4 | labels (string list)
 *     roleKeys:  "FCRK" | roles | keys per role (u32 each)
 *                | string list: each role followed by its keys
 *     tableCounts: "FCTC" | people | dates (u32 each): what the corpus's
 *                stats count of the people and date tables, so a warm start
 *                hands its index out before making either
 *     people (format 9): "FCPT" | people | roles | entry strings | occurrences
 *                | tokens | token keys | 0 | 0 | spelling counts, occurrence
 *                counts, occurrences (6 each), token key counts, token keys
 *                (u32 each) | roles | pad to 4 | entry strings | pad to 4
 *                | tokens (string lists): the people table (`savedPeopleTable.ts`)
 */
import type { SavedIndexTables } from '../index/corpusIndex';
import { nameIndexImageProblem, type NameIndexImage } from '../index/savedNameIndex';
import { OCCURRENCE_INTS, peopleTableImageProblem, type PeopleTableImage } from '../index/savedPeopleTable';
import { decodeStringList, encodeStringList } from './binaryStrings';
import { IndexCacheError } from './indexCacheError';

const NAME_INDEX_MARK = 0x494e_4346; // "FCNI"
const ROLE_KEYS_MARK = 0x4b52_4346; // "FCRK"
const COUNTS_MARK = 0x4354_4346; // "FCTC"
const PEOPLE_MARK = 0x5450_4346; // "FCPT"
const PEOPLE_HEADER_BYTES = 32; // 8 × u32
const NAME_HEADER_BYTES = 40; // 8 × u32, then the f64

/** The `nameIndex` section's bytes. */
export function encodeNameIndex(image: NameIndexImage): Uint8Array {
  const arrays = [image.fieldLengths, image.shape, image.termStart, image.termDocs, image.termFreqs];
  const ids = encodeStringList(image.ids);
  const labels = encodeStringList(image.labels);
  const arrayBytes = arrays.reduce((n, a) => n + a.byteLength, 0);
  const idsAt = NAME_HEADER_BYTES + arrayBytes;
  const labelsAt = align4(idsAt + ids.length);
  const out = new Uint8Array(labelsAt + labels.length);
  new Uint32Array(out.buffer, 0, 8).set([NAME_INDEX_MARK, image.ids.length, image.labels.length, image.shape.length, image.termStart.length, image.termDocs.length, 0, 0]);
  new Float64Array(out.buffer, 32, 1)[0] = image.averageFieldLength;
  let at = NAME_HEADER_BYTES;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  out.set(ids, idsAt);
  out.set(labels, labelsAt);
  return out;
}

/** Decodes a `nameIndex` section; throws {@link IndexCacheError} unless it is exactly what {@link encodeNameIndex} wrote of a well-formed index. */
export function decodeNameIndex(bytes: Uint8Array): NameIndexImage {
  const own = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  if (own.length < NAME_HEADER_BYTES) fail('section too short');
  const [mark, idCount, labelCount, nodeCount, startCount, postingCount] = new Uint32Array(own.buffer, own.byteOffset, 8);
  if (mark !== NAME_INDEX_MARK) fail('not a name index');
  let at = NAME_HEADER_BYTES;
  const u32 = (count: number): Uint32Array => {
    const arr = u32At(own, at, count, '');
    at += count * 4;
    return arr;
  };
  const fieldLengths = u32(idCount);
  const shape = u32(nodeCount);
  const termStart = u32(startCount);
  const termDocs = u32(postingCount);
  const termFreqs = u32(postingCount);
  const ids = stringListAt(own, at, 'name index ids');
  at = align4(at + ids.bytes);
  const labels = stringListAt(own, at, 'name index keys');
  if (at + labels.bytes !== own.length) fail('section length does not match its parts');
  if (ids.strings.length !== idCount || labels.strings.length !== labelCount) fail('string counts do not match the header');
  const image: NameIndexImage = {
    ids: ids.strings,
    fieldLengths,
    averageFieldLength: new Float64Array(own.buffer, own.byteOffset + 32, 1)[0],
    labels: labels.strings,
    shape,
    termStart,
    termDocs,
    termFreqs,
  };
  const problem = nameIndexImageProblem(image);
  if (problem) fail(problem);
  return image;
}

/** The `roleKeys` section's bytes. */
export function encodeRoleKeys(roleKeys: SavedIndexTables['roleKeys']): Uint8Array {
  const strings: string[] = [];
  for (const [role, keys] of roleKeys) strings.push(role, ...keys);
  const list = encodeStringList(strings);
  const out = new Uint8Array(8 + roleKeys.length * 4 + list.length);
  const head = new Uint32Array(out.buffer, 0, 2 + roleKeys.length);
  head[0] = ROLE_KEYS_MARK;
  head[1] = roleKeys.length;
  roleKeys.forEach(([, keys], i) => (head[2 + i] = keys.length));
  out.set(list, 8 + roleKeys.length * 4);
  return out;
}

/** Decodes a `roleKeys` section; throws {@link IndexCacheError} unless it is exactly what {@link encodeRoleKeys} wrote. */
export function decodeRoleKeys(bytes: Uint8Array): Array<[string, string[]]> {
  const own = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  if (own.length < 8) fail('role keys: section too short');
  const [mark, roles] = new Uint32Array(own.buffer, own.byteOffset, 2);
  if (mark !== ROLE_KEYS_MARK) fail('not a table of role keys');
  if (8 + roles * 4 > own.length) fail('role keys: counts run past the section (truncated?)');
  const counts = new Uint32Array(own.buffer, own.byteOffset + 8, roles);
  const list = stringListAt(own, 8 + roles * 4, 'role keys');
  if (8 + roles * 4 + list.bytes !== own.length) fail('role keys: section length does not match its parts');
  const out: Array<[string, string[]]> = [];
  let at = 0;
  for (let i = 0; i < roles; i++) {
    const end = at + 1 + counts[i];
    if (end > list.strings.length) fail('role keys: more keys than strings');
    out.push([list.strings[at], list.strings.slice(at + 1, end)]);
    at = end;
  }
  if (at !== list.strings.length) fail('role keys: strings are left over');
  return out;
}

/** The `tableCounts` section's bytes. */
export function encodeTableCounts(counts: NonNullable<SavedIndexTables['counts']>): Uint8Array {
  return new Uint8Array(Uint32Array.from([COUNTS_MARK, counts.people, counts.dates]).buffer);
}

/** Decodes a `tableCounts` section; throws {@link IndexCacheError} unless it is exactly what {@link encodeTableCounts} wrote. */
export function decodeTableCounts(bytes: Uint8Array): NonNullable<SavedIndexTables['counts']> {
  if (bytes.length !== 12) fail('table counts: not 12 bytes');
  const [mark, people, dates] = new Uint32Array(new Uint8Array(bytes).buffer);
  if (mark !== COUNTS_MARK) fail('not a table of counts');
  return { people, dates };
}

/** The `people` section's bytes. */
export function encodePeopleTable(image: PeopleTableImage): Uint8Array {
  const arrays = [image.spellingCounts, image.occurrenceCounts, image.occurrences, image.tokenKeyCounts, image.tokenKeys];
  const lists = [encodeStringList(image.roles), encodeStringList(image.entryStrings), encodeStringList(image.tokens)];
  let at = PEOPLE_HEADER_BYTES + arrays.reduce((n, a) => n + a.byteLength, 0);
  const listsAt = lists.map((list) => {
    const start = at;
    at = align4(at + list.length);
    return start;
  });
  const out = new Uint8Array(listsAt[2] + lists[2].length);
  new Uint32Array(out.buffer, 0, 8).set([
    PEOPLE_MARK,
    image.spellingCounts.length,
    image.roles.length,
    image.entryStrings.length,
    image.occurrences.length / OCCURRENCE_INTS,
    image.tokens.length,
    image.tokenKeys.length,
    0,
  ]);
  at = PEOPLE_HEADER_BYTES;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  lists.forEach((list, i) => out.set(list, listsAt[i]));
  return out;
}

/** Decodes a `people` section; throws {@link IndexCacheError} unless it is exactly what {@link encodePeopleTable} wrote of a well-formed table. */
export function decodePeopleTable(bytes: Uint8Array): PeopleTableImage {
  const own = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  if (own.length < PEOPLE_HEADER_BYTES) fail('people: section too short');
  const [mark, people, roleCount, stringCount, occurrenceCount, tokenCount, tokenKeyCount, zero] = new Uint32Array(own.buffer, own.byteOffset, 8);
  if (mark !== PEOPLE_MARK) fail('not a people table');
  if (zero !== 0) fail('people: reserved field is not 0');
  let at = PEOPLE_HEADER_BYTES;
  const u32 = (count: number): Uint32Array => {
    const arr = u32At(own, at, count, 'people: ');
    at += count * 4;
    return arr;
  };
  const spellingCounts = u32(people);
  const occurrenceCounts = u32(people);
  const occurrences = u32(occurrenceCount * OCCURRENCE_INTS);
  const tokenKeyCounts = u32(tokenCount);
  const tokenKeys = u32(tokenKeyCount);
  const list = (what: string): string[] => {
    const l = stringListAt(own, at, what);
    at += l.bytes;
    return l.strings;
  };
  const roles = list('people: roles');
  at = align4(at);
  const entryStrings = list('people: names');
  at = align4(at);
  const tokens = list('people: tokens');
  if (at !== own.length) fail('people: section length does not match its parts');
  if (roles.length !== roleCount || entryStrings.length !== stringCount || tokens.length !== tokenCount) fail('people: string counts do not match the header');
  const image: PeopleTableImage = { roles, entryStrings, spellingCounts, occurrenceCounts, occurrences, tokens, tokenKeyCounts, tokenKeys };
  const problem = peopleTableImageProblem(image);
  if (problem) fail(problem);
  return image;
}

/**
 * A copy of `count` 32-bit integers at byte `at` of a section (`prefix` starts
 * the message if they run past it). A copy, because the section's bytes may
 * be a host's scratch buffer, read into again after decoding returns.
 */
function u32At(own: Uint8Array, at: number, count: number, prefix: string): Uint32Array {
  if (at + count * 4 > own.length) fail(`${prefix}arrays run past the section (truncated?)`);
  return new Uint32Array(own.buffer.slice(own.byteOffset + at, own.byteOffset + at + count * 4));
}

/** The string list at byte `at` of `bytes` (its length read from its own header), and how many bytes it takes. */
function stringListAt(bytes: Uint8Array, at: number, what: string): { strings: string[]; bytes: number } {
  if (at + 16 > bytes.length) fail(`${what}: missing (truncated?)`);
  const [, count, , byteCount] = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 16));
  const length = 16 + count * 4 + byteCount;
  if (at + length > bytes.length) fail(`${what}: runs past the section (truncated?)`);
  return { strings: decodeStringList(bytes.subarray(at, at + length), what), bytes: length };
}

function fail(what: string): never {
  throw new IndexCacheError(what);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
