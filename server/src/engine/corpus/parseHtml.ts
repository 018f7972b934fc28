/**
 * HTML corpus files: the readable text of the article body, with an offset
 * map back into the page so citations point at the right line.
 *
 * A small tolerant tag scanner is enough here: we need text runs, tag names,
 * a few attributes, and exact source positions (which DOM-building parsers
 * mostly throw away). Malformed markup degrades to "more text", never to an
 * exception.
 */

import type { ArticleMeta, ParsedCorpusFile } from '../types';
import { makeArticle } from './article';
import { decodeEntities, decodeEntityAt } from './htmlEntities';
import { OffsetMapBuilder } from './locate';
import { computeLineStarts } from '../text/lineIndex';
import { cleanAuthor, cleanMetaString, normalizeDate } from './meta';

interface Tag {
  kind: 'start' | 'end';
  /** Lower-case tag name. */
  name: string;
  start: number;
  end: number;
  /** Start/end of the attribute source (start tags only). */
  attrStart: number;
  attrEnd: number;
  selfClosing: boolean;
}

interface TextRun {
  kind: 'text';
  start: number;
  end: number;
}

type Token = Tag | TextRun;

/** Elements whose content is not markup. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript', 'template', 'iframe', 'noembed', 'noframes']);

/** Elements that never have content. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Elements whose text is not article text: code, chrome and forms. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'noembed', 'noframes', 'title', 'textarea', 'xmp',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'svg', 'math', 'canvas', 'audio', 'video', 'object', 'head',
]);

/** Elements that start a new paragraph of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'center', 'html',
]);

/** Splits a page into tags and text runs; comments, doctypes and processing instructions are skipped. */
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  // Sticky regexes carry state (lastIndex), so they live per call, not per module.
  const tagName = /[A-Za-z][A-Za-z0-9:-]*/y;
  let i = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) tokens.push({ kind: 'text', start: textStart, end });
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    const next = src.charCodeAt(lt + 1);
    if (src.startsWith('<!--', lt)) {
      flushText(lt);
      const close = src.indexOf('-->', lt + 4);
      i = textStart = close < 0 ? src.length : close + 3;
      continue;
    }
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      flushText(lt);
      const close = src.indexOf('>', lt + 2);
      i = textStart = close < 0 ? src.length : close + 1;
      continue;
    }
    const isEnd = next === 47; /* / */
    tagName.lastIndex = lt + (isEnd ? 2 : 1);
    const m = tagName.exec(src);
    if (!m) {
      i = lt + 1; // a literal "<"
      continue;
    }
    flushText(lt);
    const name = m[0].toLowerCase();
    const attrStart = tagName.lastIndex;
    const close = findTagEnd(src, attrStart);
    const end = close < 0 ? src.length : close + 1;
    const selfClosing = VOID.has(name) || (close > 0 && src.charCodeAt(close - 1) === 47);
    tokens.push({ kind: isEnd ? 'end' : 'start', name, start: lt, end, attrStart, attrEnd: Math.max(attrStart, close), selfClosing });
    i = textStart = end;
    if (!isEnd && RAW_TEXT.has(name) && !selfClosing) {
      // Raw text runs to the matching end tag, whatever it contains.
      const closeRe = new RegExp(`</${name}[\\s>/]`, 'ig');
      closeRe.lastIndex = end;
      const cm = closeRe.exec(src);
      const rawEnd = cm ? cm.index : src.length;
      flushText(rawEnd);
      i = textStart = rawEnd;
    }
  }
  flushText(src.length);
  return tokens;
}

/** The `>` closing a tag whose attributes start at `from`, skipping quoted values; -1 if none. */
function findTagEnd(src: string, from: number): number {
  let quote = 0;
  for (let i = from; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      // Quotes only open an attribute value right after "=" (tolerates stray quotes).
      let j = i - 1;
      while (j >= from && /\s/.test(src[j])) j--;
      if (src.charCodeAt(j) === 61) quote = c;
    } else if (c === 62) return i;
  }
  return -1;
}

/** Attributes of a start tag, names lower-cased, values entity-decoded. */
function attributes(src: string, tag: Tag): Map<string, string> {
  const out = new Map<string, string>();
  const s = src.slice(tag.attrStart, tag.attrEnd);
  const attr = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = attr.exec(s); m !== null; m = attr.exec(s)) {
    const name = m[1].toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Index of the end tag matching the start tag at `tokens[at]` (same name, nesting counted), or -1. */
function matchingEnd(tokens: readonly Token[], at: number, limit = tokens.length): number {
  const name = (tokens[at] as Tag).name;
  let depth = 0;
  for (let i = at; i < limit; i++) {
    const t = tokens[i];
    if (t.kind === 'text' || t.name !== name) continue;
    if (t.kind === 'start' && !t.selfClosing) depth++;
    else if (t.kind === 'end' && --depth === 0) return i;
  }
  return -1;
}

/** Length of the text runs among tokens `[from, to)`. */
function textLength(tokens: readonly Token[], from: number, to: number): number {
  let length = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'text') length += t.end - t.start;
  }
  return length;
}

/**
 * Token range `[from, to)` of the article body: the longest `<article>`, else
 * `<main>`, else `<body>`, else everything. An `<article>` or `<main>` holding
 * under a fifth of the page's text is a teaser or a widget, not the story.
 */
function bodyRange(tokens: readonly Token[]): [number, number] {
  const total = textLength(tokens, 0, tokens.length);
  for (const name of ['article', 'main', 'body']) {
    let best: [number, number] | undefined;
    let bestLength = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'start' || t.name !== name || t.selfClosing) continue;
      const end = matchingEnd(tokens, i);
      const range: [number, number] = [i + 1, end < 0 ? tokens.length : end];
      const length = textLength(tokens, range[0], range[1]);
      if (length > bestLength) {
        best = range;
        bestLength = length;
      }
    }
    if (best !== undefined && bestLength > 0 && (name === 'body' || bestLength >= total * 0.2)) return best;
  }
  return [0, tokens.length];
}

function isHtmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0xa0;
}

/** The readable text of tokens `[from, to)` and its offset map into the page. */
function extractText(src: string, tokens: readonly Token[], from: number, to: number): { text: string; map: OffsetMapBuilder } {
  const map = new OffsetMapBuilder();
  const parts: string[] = [];
  let atBreak = true; // nothing emitted yet, or a break was last
  let pendingBreak = 0; // 0, 1 (line) or 2 (paragraph)
  let breakAt = 0;
  let spaceStart = -1;
  let spaceEnd = -1;

  const flushPending = (): void => {
    if (pendingBreak > 0 && map.length > 0) {
      const brk = pendingBreak === 2 ? '\n\n' : '\n';
      parts.push(brk);
      map.replace(breakAt, breakAt, brk.length);
      atBreak = true;
    } else if (spaceStart >= 0 && !atBreak) {
      parts.push(' ');
      if (spaceEnd - spaceStart === 1) map.copy(spaceStart, 1);
      else map.replace(spaceStart, spaceEnd, 1);
    }
    pendingBreak = 0;
    spaceStart = spaceEnd = -1;
  };
  const addSpace = (start: number, end: number): void => {
    if (spaceStart < 0) spaceStart = start;
    spaceEnd = end;
  };
  const addBreak = (size: number, at: number): void => {
    if (pendingBreak === 0) breakAt = at;
    pendingBreak = pendingBreak === 1 && size === 1 ? 2 : Math.max(pendingBreak, size);
  };

  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind !== 'text') {
      if (t.kind === 'start' && DROPPED.has(t.name) && !t.selfClosing) {
        const end = matchingEnd(tokens, k, to);
        if (BLOCK.has(t.name)) addBreak(2, t.start);
        k = end < 0 ? to : end;
        continue;
      }
      if (t.name === 'br') addBreak(1, t.start);
      else if (BLOCK.has(t.name)) addBreak(2, t.start);
      continue;
    }
    let i = t.start;
    while (i < t.end) {
      const c = src.charCodeAt(i);
      if (c === 38 /* & */) {
        const d = decodeEntityAt(src, i, t.end);
        if (d !== undefined) {
          if (d.value.length === 1 && isHtmlSpace(d.value.charCodeAt(0))) addSpace(i, d.end);
          else if (d.value.length > 0) {
            flushPending();
            parts.push(d.value);
            map.replace(i, d.end, d.value.length);
            atBreak = false;
          }
          i = d.end;
          continue;
        }
      }
      if (isHtmlSpace(c)) {
        let j = i + 1;
        while (j < t.end && isHtmlSpace(src.charCodeAt(j))) j++;
        addSpace(i, j);
        i = j;
        continue;
      }
      let j = i + 1;
      while (j < t.end) {
        const cj = src.charCodeAt(j);
        if (isHtmlSpace(cj) || cj === 38) break;
        j++;
      }
      flushPending();
      parts.push(src.slice(i, j));
      map.copy(i, j - i);
      atBreak = false;
      i = j;
    }
  }
  return { text: parts.join(''), map };
}

/** Metadata of the page from `<title>`, `<meta>`, `<link rel=canonical>`, `<time>` and JSON-LD. */
function pageMeta(src: string, tokens: readonly Token[], body: [number, number]): ArticleMeta {
  const metaTags = new Map<string, string>();
  let titleTag: string | undefined;
  let canonical: string | undefined;
  let timeInBody: string | undefined;
  let timeAnywhere: string | undefined;
  const ld: ArticleMeta = {};

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'start') continue;
    if (t.name === 'meta') {
      const a = attributes(src, t);
      const key = (a.get('property') ?? a.get('name') ?? a.get('itemprop') ?? '').toLowerCase();
      const content = a.get('content') ?? a.get('datetime');
      if (key && content !== undefined && !metaTags.has(key)) metaTags.set(key, content);
    } else if (t.name === 'title' && titleTag === undefined) {
      const next = tokens[k + 1];
      if (next?.kind === 'text') titleTag = decodeEntities(src.slice(next.start, next.end));
    } else if (t.name === 'link') {
      const a = attributes(src, t);
      if ((a.get('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) canonical ??= a.get('href');
    } else if (t.name === 'time') {
      const dt = attributes(src, t).get('datetime');
      if (dt !== undefined) {
        if (k >= body[0] && k < body[1]) timeInBody ??= dt;
        timeAnywhere ??= dt;
      }
    } else if (t.name === 'script' && /ld\+json/i.test(attributes(src, t).get('type') ?? '')) {
      const next = tokens[k + 1];
      if (next?.kind === 'text') readJsonLd(src.slice(next.start, next.end), ld);
    }
  }

  const notUrl = (s: string | undefined): string | undefined => (s !== undefined && /^https?:\/\//i.test(s) ? undefined : s);
  const siteName = cleanMetaString(metaTags.get('og:site_name')) ?? ld.publisher ?? cleanMetaString(notUrl(metaTags.get('publisher'))) ?? cleanMetaString(notUrl(metaTags.get('article:publisher')));
  const title =
    cleanMetaString(metaTags.get('og:title')) ??
    ld.title ??
    cleanMetaString(metaTags.get('twitter:title')) ??
    stripSiteSuffix(cleanMetaString(titleTag), siteName);
  const date = normalizeDate(
    metaTags.get('article:published_time') ??
      metaTags.get('datepublished') ??
      ld.date ??
      metaTags.get('og:published_time') ??
      metaTags.get('pubdate') ??
      metaTags.get('publishdate') ??
      metaTags.get('date') ??
      metaTags.get('dc.date') ??
      metaTags.get('dcterms.date') ??
      timeInBody ??
      timeAnywhere,
  );
  const author =
    cleanAuthor(notUrl(metaTags.get('author'))) ??
    cleanAuthor(notUrl(metaTags.get('article:author'))) ??
    ld.author ??
    cleanMetaString(metaTags.get('byl')?.replace(/^by\s+/i, ''));
  const url = cleanMetaString(metaTags.get('og:url')) ?? cleanMetaString(canonical) ?? ld.url;
  return { title, date, publisher: siteName, author, url };
}

/** Removes " | Site" or " - Site" from a `<title>` when it names the site. */
function stripSiteSuffix(title: string | undefined, site: string | undefined): string | undefined {
  if (title === undefined || site === undefined) return title;
  const m = /^(.*\S)\s+[|\-–—:]\s+(.+)$/.exec(title);
  return m && m[2].toLowerCase() === site.toLowerCase() ? m[1] : title;
}

/** Fills `into` from a JSON-LD NewsArticle block (first values win); bad JSON is ignored. */
function readJsonLd(json: string, into: ArticleMeta): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return;
  }
  const nodes: unknown[] = Array.isArray(data) ? data : [data];
  for (const node of nodes) {
    if (node === null || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['@graph'])) nodes.push(...(o['@graph'] as unknown[]));
    const type = String(o['@type'] ?? '');
    if (!/Article|Posting|Report/i.test(type)) continue;
    into.title ??= cleanMetaString(o.headline);
    into.date ??= typeof o.datePublished === 'string' ? o.datePublished : undefined;
    into.author ??= cleanAuthor(o.author);
    const pub = o.publisher as { name?: unknown } | undefined;
    into.publisher ??= cleanMetaString(typeof pub === 'object' && pub !== null ? pub.name : pub);
    into.url ??= cleanMetaString(o.url);
  }
}

/**
 * Parses an HTML page into one article: the text of `<article>` (the longest
 * one), else `<main>`, else `<body>`, without scripts, styles, navigation,
 * headers, footers and asides; block elements become paragraph breaks,
 * entities are decoded, white space is collapsed. `locate` maps back to the
 * page through the offset map built on the way.
 */
export function parseHtml(path: string, source: string): ParsedCorpusFile {
  const tokens = tokenize(source);
  const body = bodyRange(tokens);
  const { text, map } = extractText(source, tokens, body[0], body[1]);
  const article = makeArticle({
    id: path,
    path,
    derived: text,
    lineStarts: computeLineStarts(source),
    map: map.build(),
    meta: pageMeta(source, tokens, body),
    titleFromHeadline: true,
  });
  return article
    ? { articles: [article], warnings: [] }
    : { articles: [], warnings: [{ path, message: 'no article text found in the page, skipped' }] };
}
