/**
 * The bench's corpora on disk: Reuters-21578 as an archive of JSONL files of
 * 500 articles, in `copies` folders (`copy01/`, `copy02/`, …), every article id
 * suffixed with its copy (`reuters-1-c02`) so all articles are distinct.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Articles per file: a newsroom archive is many files, and one file is one ingestion transaction at most. */
const ARTICLES_PER_FILE = 500;

/** The folder of copy `c` (1-based) under `root`. */
export function copyFolder(root: string, c: number): string {
  return path.join(root, `copy${String(c).padStart(2, '0')}`);
}

/** Writes copies `1..copies` of `source` (JSONL) under `root` (copies already written are kept). */
export async function writeCopies(source: string, root: string, copies: number): Promise<void> {
  const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.trim());
  for (let c = 1; c <= copies; c++) {
    const dir = copyFolder(root, c);
    if (existsSync(path.join(dir, 'done'))) continue;
    mkdirSync(dir, { recursive: true });
    const suffix = `-c${String(c).padStart(2, '0')}`;
    for (let f = 0; f * ARTICLES_PER_FILE < lines.length; f++) {
      const out = createWriteStream(path.join(dir, `part-${String(f).padStart(3, '0')}.jsonl`));
      for (const line of lines.slice(f * ARTICLES_PER_FILE, (f + 1) * ARTICLES_PER_FILE)) {
        const rec = JSON.parse(line) as { id: string };
        rec.id = `${rec.id}${suffix}`;
        out.write(`${JSON.stringify(rec)}\n`);
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    createWriteStream(path.join(dir, 'done')).end();
  }
}

/** The id an article had in Reuters (copy and replica suffixes removed): the same story in every copy. */
export function baseId(id: string): string {
  // Ids of JSONL articles are `path#id`: the path differs between copies, the story's id does not.
  return id.slice(id.lastIndexOf('#') + 1).replace(/(-c\d\d)?(-r\d+)?$/, '');
}
