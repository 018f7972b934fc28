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

/**
 * Packages a bundle loads only when first called, not when it starts: the
 * named functions (all the engine uses of each) call through to the package,
 * evaluated on the first call. esbuild evaluates every imported module as
 * the bundle starts; chrono-node and yaml are ~30 % of the corpus worker's
 * start (~40 ms CPU), and a warm open extracts nothing, so it never needs
 * them. A new import from one of these packages fails the build (the
 * stand-in has no such export): add its name here.
 */
const LAZY_PACKAGES = { 'chrono-node': ['parse'], yaml: ['parse'] };

/**
 * esbuild plugin: each of the {@link LAZY_PACKAGES} as a stand-in that
 * `require`s, on first call, a module re-exporting the functions from the
 * package. esbuild leaves a module reached by `require` unevaluated until
 * then, and the re-export keeps the package's own tree-shaking (requiring
 * the package itself would bundle all of it: every chrono locale).
 */
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(?:${Object.keys(LAZY_PACKAGES).join('|')})$`); // plain package names: nothing to escape
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-real' ? undefined : { path: args.path, namespace: 'lazy-package' }));
    b.onResolve({ filter: /^lazy-real:/ }, (args) => ({ path: args.path.slice('lazy-real:'.length), namespace: 'lazy-real' }));
    const names = (pkg) => LAZY_PACKAGES[pkg];
    b.onLoad({ filter: /.*/, namespace: 'lazy-real' }, (args) => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: `export { ${names(args.path).join(', ')} } from ${JSON.stringify(args.path)};`,
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: [
        `let real;`,
        `const load = () => (real ??= require(${JSON.stringify(`lazy-real:${args.path}`)}));`,
        ...names(args.path).map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
      ].join('\n'),
    }));
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The language server's corpus worker thread: the server starts it from beside its own bundle. A warm open
  // extracts nothing, so the extraction's packages are loaded only if something is extracted here.
  { entryPoints: ['server/src/host/corpusWorker.ts'], outfile: 'dist/corpusWorker.js', plugins: [lazyPackages], logOverride: { 'import-is-undefined': 'error' } },
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
