/**
 * Which entries of an ignore file apply to a finding in a given draft: the
 * one rule the language server and the CLI share. An entry matches a finding
 * by code and words (white space collapsed); a `file` entry only in its own
 * draft, an `occurrence` entry only in its own draft and where the words
 * around the claim are still those recorded; a `workspace` entry (and an
 * entry written before scopes existed) in every draft of the folder.
 */
import * as path from 'node:path';
import type { ClaimContext, IgnoredClaim, IgnoreFile, IgnoreScope } from './ignoreFile';

/** Characters of context kept on each side of an ignored occurrence. */
export const CONTEXT_CHARS = 40;

/** A key identifying a claim independent of where it stands: its code and its words, white space collapsed. */
export function claimKey(code: string, claimText: string): string {
  return `${code}\u0000${claimText.replace(/\s+/g, ' ').trim()}`;
}

/** The scope an entry has in effect (entries without one date from before scopes: every draft). */
export function scopeOf(entry: IgnoredClaim): IgnoreScope | undefined {
  if (entry.scope === undefined) return 'workspace';
  return entry.scope === 'occurrence' || entry.scope === 'file' || entry.scope === 'workspace' ? entry.scope : undefined;
}

/**
 * The words around `[start, end)` of `text` that pin an occurrence down: up
 * to {@link CONTEXT_CHARS} characters on each side, not crossing a blank line
 * (another paragraph's edits must not lose it), white space collapsed.
 */
export function claimContext(text: string, start: number, end: number): ClaimContext {
  const before = text.slice(Math.max(0, start - CONTEXT_CHARS * 2), start);
  const after = text.slice(end, end + CONTEXT_CHARS * 2);
  const beforePara = before.split(/\n[ \t]*\n/).pop() ?? '';
  const afterPara = after.split(/\n[ \t]*\n/)[0] ?? '';
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return { before: squash(beforePara).slice(-CONTEXT_CHARS).trimStart(), after: squash(afterPara).slice(0, CONTEXT_CHARS).trimEnd() };
}

/** A draft's path as entries record it: relative to the folder holding `.factcheck`, `/`-separated; undefined outside it. */
export function draftKey(folderPath: string, draftPath: string | undefined): string | undefined {
  if (draftPath === undefined) return undefined;
  const rel = path.relative(folderPath, draftPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** What a finding needs for the rules: its code, and where it stands in the draft's text. */
export interface ClaimAt {
  code: string;
  span: { start: number; end: number };
}

/**
 * The ignore entries that apply to one draft, ready to test its findings.
 * Built once per check; the test of a finding is a map look-up (plus the
 * context comparison for occurrences).
 */
export class DraftIgnores {
  private readonly byKey = new Map<string, IgnoredClaim[]>();

  /** `draft`: the draft's path as {@link draftKey} gives it (undefined for an unsaved draft: only folder-wide entries apply). */
  constructor(file: IgnoreFile, draft: string | undefined) {
    for (const entry of file.ignored) {
      const scope = scopeOf(entry);
      if (scope === undefined) continue;
      if (scope !== 'workspace' && (draft === undefined || entry.file !== draft)) continue;
      const key = claimKey(entry.code, entry.text);
      const list = this.byKey.get(key);
      if (list) list.push(entry);
      else this.byKey.set(key, [entry]);
    }
  }

  /** True when nothing applies to this draft (the common case: no test needed). */
  get empty(): boolean {
    return this.byKey.size === 0;
  }

  /** The entry that hides `claim` in `text`, or undefined. */
  entryFor(claim: ClaimAt, text: string): IgnoredClaim | undefined {
    if (this.byKey.size === 0) return undefined;
    const entries = this.byKey.get(claimKey(claim.code, text.slice(claim.span.start, claim.span.end)));
    if (!entries) return undefined;
    let context: ClaimContext | undefined;
    for (const e of entries) {
      if (scopeOf(e) !== 'occurrence') return e;
      context ??= claimContext(text, claim.span.start, claim.span.end);
      if (e.context && e.context.before === context.before && e.context.after === context.after) return e;
    }
    return undefined;
  }

  /** Splits findings into those shown and those the ignore file hides. */
  split<F extends ClaimAt>(findings: readonly F[], text: string): { kept: F[]; ignored: Array<{ finding: F; entry: IgnoredClaim }> } {
    if (this.empty) return { kept: [...findings], ignored: [] };
    const kept: F[] = [];
    const ignored: Array<{ finding: F; entry: IgnoredClaim }> = [];
    for (const f of findings) {
      const entry = this.entryFor(f, text);
      if (entry) ignored.push({ finding: f, entry });
      else kept.push(f);
    }
    return { kept, ignored };
  }
}

/** True when two entries stand for the same ignore (adding the second changes nothing; removing one removes both). */
export function sameIgnore(a: IgnoredClaim, b: IgnoredClaim): boolean {
  if (claimKey(a.code, a.text) !== claimKey(b.code, b.text)) return false;
  const scope = scopeOf(a);
  if (scope !== scopeOf(b)) return false;
  if (scope === 'workspace') return true;
  if (a.file !== b.file) return false;
  return scope !== 'occurrence' || (a.context?.before === b.context?.before && a.context?.after === b.context?.after);
}
