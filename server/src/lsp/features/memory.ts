/**
 * `factcheck/debug/memory`: the server's memory, for soak benchmarks that
 * must tell a leak from garbage not yet collected (`bench/lspSoak.ts`).
 */
import type { MemoryReport } from '../protocol';

/** The process's memory now; collected first when the runtime allows it (`node --expose-gc`), so the heap is live data. */
export function memoryReport(openDocuments: number): MemoryReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, collected: gc !== undefined, openDocuments };
}
