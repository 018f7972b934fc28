/**
 * The people table's fuzzy name index as plain arrays, and back (issue 13,
 * warm start): the index cache saves it, so a warm start does not index every
 * spelling again on its first name look-up (MiniSearch's `addAll` of
 * Reuters' 8,000 people: ~180 ms of a fresh worker's CPU; rebuilding its maps
 * from the arrays: ~70 ms).
 *
 * The image is MiniSearch's own state, read and rebuilt exactly: its radix
 * tree node by node in the order its keys were inserted (the order its
 * fuzzy walk — and so {@link NearTermTable} — visits terms, which orders
 * tied hits), each term's frequencies by document, each document's field
 * length, the average field length as the float it summed to. A search of
 * the rebuilt index is a search of the original: same hits, same scores,
 * same order. Only an index laid out as this module expects (MiniSearch 7:
 * one field, no document ever removed) is saved; any other is not, and is
 * made again from the people table on load.
 */
import MiniSearch from 'minisearch';
import type { PeopleTable } from './peopleTable';

/** The fuzzy name index of a people table, as arrays (see the module comment). */
export interface NameIndexImage {
  /** Document ids (person keys) by MiniSearch's short id. */
  ids: string[];
  /** Distinct terms of each document's name field, by short id. */
  fieldLengths: Uint32Array;
  /** MiniSearch's running average of {@link fieldLengths} (not recomputed: the float it summed to). */
  averageFieldLength: number;
  /** Each tree node's keys in pre-order (a node's keys, each followed by its child's when it is not a leaf); '' marks a term's data. */
  labels: string[];
  /** Keys per node, in the same pre-order. */
  shape: Uint32Array;
  /** Term k (in walk order) has postings `termStart[k]` up to `termStart[k + 1]`. */
  termStart: Uint32Array;
  /** Short ids and term frequencies of the postings. */
  termDocs: Uint32Array;
  termFreqs: Uint32Array;
}

/** The MiniSearch options of the people table's fuzzy index (`buildPeopleTable`): a rebuilt index must be searched as that one is. */
const NAME_INDEX_OPTIONS = { fields: ['name'], storeFields: [] as string[] };

/** What this module reads of a MiniSearch (its internals, version 7). */
interface MiniSearchState {
  _index?: { _tree?: unknown; _prefix?: unknown; _size?: unknown };
  _documentIds?: unknown;
  _idToShortId?: unknown;
  _fieldLength?: unknown;
  _storedFields?: unknown;
  _fieldIds?: unknown;
  _avgFieldLength?: unknown;
  _documentCount?: unknown;
  _nextId?: unknown;
  _dirtCount?: unknown;
}

/** The leaf key of MiniSearch's radix tree. */
const LEAF = '';

/**
 * The image of `fuzzy`, or undefined when it is not laid out as expected
 * (another MiniSearch version, a removed document, a second field): then
 * nothing is saved and a load makes the index again.
 */
export function nameIndexImage(fuzzy: unknown): NameIndexImage | undefined {
  const s = fuzzy as MiniSearchState;
  const tree = s._index?._tree;
  const docs = s._documentIds;
  const lengths = s._fieldLength;
  const avg = s._avgFieldLength;
  if (!(tree instanceof Map) || !(docs instanceof Map) || !(lengths instanceof Map) || !Array.isArray(avg) || avg.length !== 1 || typeof avg[0] !== 'number') return undefined;
  if (s._index?._prefix !== '' || JSON.stringify(s._fieldIds) !== '{"name":0}' || s._dirtCount !== 0) return undefined;
  const n = docs.size;
  if (s._documentCount !== n || s._nextId !== n || lengths.size !== n) return undefined;
  const ids: string[] = new Array<string>(n);
  const fieldLengths = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const id = docs.get(i);
    const len = (lengths.get(i) as unknown[] | undefined)?.[0];
    if (typeof id !== 'string' || typeof len !== 'number' || !Number.isInteger(len) || len < 0) return undefined;
    ids[i] = id;
    fieldLengths[i] = len;
  }
  const labels: string[] = [];
  const shape: number[] = [];
  const termStart: number[] = [0];
  const termDocs: number[] = [];
  const termFreqs: number[] = [];
  // Iterative pre-order walk: a node's entry count, then each key and (for an inner key) the child's walk.
  const stack: Array<Iterator<[unknown, unknown]>> = [];
  const enter = (node: Map<unknown, unknown>): void => {
    shape.push(node.size);
    stack.push(node.entries());
  };
  enter(tree);
  while (stack.length > 0) {
    const next = stack[stack.length - 1].next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const [key, child] = next.value;
    if (typeof key !== 'string') return undefined;
    labels.push(key);
    if (key !== LEAF) {
      if (!(child instanceof Map)) return undefined;
      enter(child);
      continue;
    }
    // A term's data: field id → (short id → frequency); one field only.
    if (!(child instanceof Map) || child.size !== 1 || !(child.get(0) instanceof Map)) return undefined;
    for (const [doc, tf] of child.get(0) as Map<unknown, unknown>) {
      if (typeof doc !== 'number' || !Number.isInteger(doc) || doc < 0 || doc >= n || typeof tf !== 'number' || !Number.isInteger(tf) || tf < 0 || tf > 0xffff_ffff) return undefined;
      termDocs.push(doc);
      termFreqs.push(tf);
    }
    termStart.push(termDocs.length);
  }
  return {
    ids,
    fieldLengths,
    averageFieldLength: avg[0],
    labels,
    shape: Uint32Array.from(shape),
    termStart: Uint32Array.from(termStart),
    termDocs: Uint32Array.from(termDocs),
    termFreqs: Uint32Array.from(termFreqs),
  };
}

/**
 * Checks an image's arrays against each other (the cache decoder calls it:
 * a load that passes gives an image {@link restoreNameIndex} can rebuild);
 * returns what is wrong, or undefined.
 */
export function nameIndexImageProblem(image: NameIndexImage): string | undefined {
  const { ids, fieldLengths, labels, shape, termStart, termDocs, termFreqs } = image;
  if (fieldLengths.length !== ids.length) return 'field lengths do not match the documents';
  if (!Number.isFinite(image.averageFieldLength)) return 'the average field length is not a number';
  if (termDocs.length !== termFreqs.length || termStart.length === 0 || termStart[0] !== 0 || termStart[termStart.length - 1] !== termDocs.length) return 'postings do not match their starts';
  for (let k = 1; k < termStart.length; k++) if (termStart[k] < termStart[k - 1]) return 'postings starts fall';
  for (let p = 0; p < termDocs.length; p++) if (termDocs[p] >= ids.length) return 'a posting names no document';
  // The tree: each node's keys in pre-order; every inner key's node follows; every leaf has a term.
  if (shape.length === 0) return 'no tree';
  let nodes = 1;
  let leaves = 0;
  const open: number[] = [shape[0]];
  for (const label of labels) {
    while (open.length > 0 && open[open.length - 1] === 0) open.pop();
    if (open.length === 0) return 'more keys than the tree has places';
    open[open.length - 1]--;
    if (label === LEAF) {
      leaves++;
      continue;
    }
    if (nodes >= shape.length) return 'an inner key has no node';
    open.push(shape[nodes++]);
  }
  if (open.some((left) => left !== 0)) return 'fewer keys than the tree has places';
  if (nodes !== shape.length) return 'nodes are left over';
  if (leaves !== termStart.length - 1) return 'terms do not match the tree';
  return undefined;
}

/**
 * The fuzzy index `image` is of, made again for `people`: undefined when it
 * does not fit them (other documents, in another order — then the caller
 * makes it from the table) or MiniSearch is not laid out as expected. The
 * image must have passed {@link nameIndexImageProblem}.
 */
export function restoreNameIndex(image: NameIndexImage, people: PeopleTable): MiniSearch<{ id: string; name: string }> | undefined {
  const { ids } = image;
  if (ids.length !== people.byKey.size) return undefined;
  // Documents are the table's people in its order (`buildPeopleTable` indexes them so).
  let i = 0;
  for (const key of people.byKey.keys()) if (ids[i++] !== key) return undefined;
  const search = new MiniSearch<{ id: string; name: string }>(NAME_INDEX_OPTIONS);
  const s = search as unknown as MiniSearchState;
  const index = s._index;
  if (!index || !(index._tree instanceof Map) || index._prefix !== '' || !(s._documentIds instanceof Map) || !(s._idToShortId instanceof Map) || !(s._fieldLength instanceof Map)) return undefined;
  const documentIds = s._documentIds as Map<number, string>;
  const idToShortId = s._idToShortId as Map<string, number>;
  const fieldLength = s._fieldLength as Map<number, number[]>;
  for (let d = 0; d < ids.length; d++) {
    documentIds.set(d, ids[d]);
    idToShortId.set(ids[d], d);
    fieldLength.set(d, [image.fieldLengths[d]]);
  }
  s._documentCount = ids.length;
  s._nextId = ids.length;
  s._avgFieldLength = [image.averageFieldLength];
  index._tree = rebuildTree(image);
  index._size = undefined;
  return search;
}

/** The radix tree of `image`, each node's keys inserted in their saved order. */
function rebuildTree(image: NameIndexImage): Map<string, unknown> {
  const { labels, shape, termStart, termDocs, termFreqs } = image;
  const root = new Map<string, unknown>();
  // Nodes still taking keys, with how many they take.
  const nodes: Array<Map<string, unknown>> = [root];
  const left: number[] = [shape[0]];
  let nextNode = 1;
  let term = 0;
  for (const label of labels) {
    while (left[left.length - 1] === 0) (nodes.pop(), left.pop());
    left[left.length - 1]--;
    const node = nodes[nodes.length - 1];
    if (label === LEAF) {
      const freqs = new Map<number, number>();
      for (let p = termStart[term]; p < termStart[term + 1]; p++) freqs.set(termDocs[p], termFreqs[p]);
      term++;
      node.set(LEAF, new Map([[0, freqs]]));
      continue;
    }
    const child = new Map<string, unknown>();
    node.set(label, child);
    nodes.push(child);
    left.push(shape[nextNode++]);
  }
  return root;
}
