import * as path from 'node:path';

/** The repository's root folder (tests run from `out/tests/...`). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** `tests/fixtures` in the repository (sources, not compiled). */
export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
/** The bundled sample corpus. */
export const sampleCorpusDir = path.join(repoRoot, 'corpus');
/** `../shared/data` beside the repository, present on developer and CI machines only. */
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
