import { readFileSync } from 'node:fs';
import { CorpusIndexBuilder, checkDraft } from '../server/src/engine';
import { extractFacts } from '../server/src/engine/extract/extractFacts';
import { makeDraft } from './draft';
const file = process.argv[2];
const b = new CorpusIndexBuilder({ maxFileBytes: 1e9 });
let t = Date.now();
b.setFile(file, readFileSync(file));
console.log('extract', Date.now() - t, process.memoryUsage().heapUsed / 1e6);
t = Date.now();
const idx = b.build();
console.log('build', Date.now() - t, process.memoryUsage().heapUsed / 1e6, idx.stats);
const d = makeDraft(idx);
console.log('draft words', d.words, d.quotes.length, d.alteredQuotes, d.misspelledNames);
for (let i = 0; i < 3; i++) { t = performance.now(); const f = checkDraft(d.text, idx); console.log('check', performance.now() - t, f.length); }
for (let i = 0; i < 3; i++) { t = performance.now(); extractFacts(d.text); console.log('extract draft', performance.now() - t); }
t = performance.now(); const h = idx.search('cocoa prices Bahia'); console.log('search', performance.now() - t, h.length);
console.log('rss', process.resourceUsage().maxRSS / 1024);
