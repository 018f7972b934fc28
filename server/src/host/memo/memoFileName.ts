/**
 * The fact-check memo's file name beside its draft: `story.factcheck.md`
 * (`.html`, `.csv`, `.json`). A memo quotes every claim of the draft and its
 * source sentences, so checking it as a draft would report each claim again
 * (and every source sentence as an unsourced quotation): the language
 * server, "Check Workspace" and the CLI's folder walk leave such files out.
 * No `node:*` here: the client imports it too.
 */

/** Whether a file name or path names a fact-check memo. */
export function isMemoFile(nameOrPath: string): boolean {
  return /\.factcheck\.(?:md|html|csv|json)$/i.test(nameOrPath);
}
