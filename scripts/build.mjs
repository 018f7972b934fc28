// Bundles the client, the language server (and its corpus worker) and the CLI with esbuild.
// Bundles are self-contained (only `vscode` is external), so the .vsix and the
// `factcheck` bin need no node_modules at run time.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The language server's corpus worker thread: the server starts it from beside its own bundle.
  { entryPoints: ['server/src/host/corpusWorker.ts'], outfile: 'dist/corpusWorker.js' },
  // Extraction worker threads of a cold build (CLI and corpus worker alike start them from beside their bundle).
  { entryPoints: ['server/src/host/extractionWorker.ts'], outfile: 'dist/extractionWorker.js' },
  // `factcheck ingest`'s extraction worker thread (overlaps extraction with the database writes).
  { entryPoints: ['server/src/host/pg/pgExtractWorker.ts'], outfile: 'dist/pgExtractWorker.js' },
];

const existing = [];
for (const e of entries) {
  try {
    await import('node:fs').then((fs) => fs.accessSync(e.entryPoints[0]));
    existing.push(e);
  } catch {
    // An entry not written yet is skipped rather than failing `npm install`.
  }
}

if (watch) {
  const { context } = await import('esbuild');
  for (const e of existing) (await context({ ...common, ...e })).watch();
} else {
  await Promise.all(existing.map((e) => build({ ...common, ...e })));
}
