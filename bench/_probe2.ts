import { readFileSync } from 'node:fs';
import { CorpusIndexBuilder, checkDraft } from '../server/src/engine';
import { makeDraft } from './draft';
const file = process.argv[2];
const b = new CorpusIndexBuilder({ maxFileBytes: 1e9 });
b.setFile(file, readFileSync(file));
const idx = b.build();
const d = makeDraft(idx);
const { Session } = require('node:inspector');
const s = new Session(); s.connect();
s.post('Profiler.enable', () => s.post('Profiler.start', () => {
  let t = performance.now();
  for (let i = 0; i < 30; i++) checkDraft(d.text, idx);
  console.log('avg', (performance.now() - t) / 30);
  s.post('Profiler.stop', (_e: unknown, r: any) => {
    const nodes = r.profile.nodes; const self = new Map<number, number>();
    const dt = r.profile.timeDeltas; const samples = r.profile.samples;
    for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + dt[i]);
    const byFn = new Map<string, number>();
    for (const n of nodes) { const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').slice(-2).join('/') + ':' + n.callFrame.lineNumber; byFn.set(k, (byFn.get(k) ?? 0) + (self.get(n.id) ?? 0)); }
    const parent = new Map<number, number>(); for (const n of nodes) for (const c of (n.children ?? [])) parent.set(c, n.id);
    const byId = new Map<number, any>(nodes.map((n: any) => [n.id, n]));
    const incl = new Map<string, number>();
    for (const n of nodes) { const v = self.get(n.id) ?? 0; if (!v) continue; const seen = new Set<string>(); let p: number | undefined = n.id; while (p !== undefined) { const f = byId.get(p).callFrame.functionName; if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + v); } p = parent.get(p); } }
    for (const f of ['checkDraft','extractFacts','extractPeople','isKnownPerson','matchPerson','checkQuotes','checkNames','checkDates','findClosestPassage','findExactPassages','extractDates','extractQuotes','splitSentences','spelledSoInCorpus','personEvidence','search']) console.log('incl', f, ((incl.get(f) ?? 0)/1000).toFixed(0));
    console.log([...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => (v / 1000).toFixed(0).padStart(6) + ' ' + k).join('\n'));
  });
}));
