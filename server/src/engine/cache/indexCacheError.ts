/** A cache that cannot be used (corrupt, truncated, another version, a record of the wrong shape): the corpus is rebuilt. */
export class IndexCacheError extends Error {}
