/**
 * Which documents are drafts to check. Editors name the same kinds of file
 * differently (VS Code `markdown`/`plaintext`, Emacs's eglot `text` in
 * text-mode, Helix and Neovim `markdown` or `text`, some `gfm` or `txt`), so a
 * document is a draft when its language id is a configured one or an alias
 * of one, or when its file name ends as a draft's does.
 */
import * as path from 'node:path';
import { uriToPath } from './conversions';

/** Other editors' ids for the two kinds of draft VS Code calls `markdown` and `plaintext`. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  markdown: ['markdown', 'md', 'gfm', 'pandoc', 'rmd'],
  plaintext: ['plaintext', 'text', 'txt', 'plain'],
};

/** File endings of drafts of each kind. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  markdown: ['.md', '.markdown', '.mdown', '.mkd'],
  plaintext: ['.txt', '.text'],
};

/**
 * True when a document of `languageId` at `uri` is one of the `languages`
 * configured for checking (`factcheck.languages`), by its id, an alias of it,
 * or its file ending.
 */
export function isDraftDocument(uri: string, languageId: string, languages: readonly string[]): boolean {
  const id = languageId.toLowerCase();
  if (languages.includes(languageId)) return true;
  const file = uriToPath(uri) ?? uri;
  const ext = path.extname(file).toLowerCase();
  return languages.some((lang) => (ALIASES[lang] ?? []).includes(id) || (EXTENSIONS[lang] ?? []).includes(ext));
}
