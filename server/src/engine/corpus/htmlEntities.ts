/**
 * HTML character references: the common named ones and all numeric ones.
 * A page using a rare named entity keeps it verbatim, which costs a word at
 * worst; the full WHATWG table (2,000+ names) is not worth carrying.
 */

/** Latin-1 names in code point order, U+00A0 … U+00FF. */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const OTHER_NAMES: ReadonlyArray<[string, string]> = [
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"],
  ['ndash', '\u2013'], ['mdash', '\u2014'], ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201a'],
  ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['bdquo', '\u201e'], ['hellip', '\u2026'], ['bull', '\u2022'],
  ['prime', '\u2032'], ['Prime', '\u2033'], ['trade', '\u2122'], ['euro', '\u20ac'], ['dagger', '\u2020'],
  ['Dagger', '\u2021'], ['permil', '\u2030'], ['lsaquo', '\u2039'], ['rsaquo', '\u203a'], ['thinsp', '\u2009'],
  ['ensp', '\u2002'], ['emsp', '\u2003'], ['zwnj', '\u200c'], ['zwj', '\u200d'], ['lrm', '\u200e'], ['rlm', '\u200f'],
  ['OElig', '\u0152'], ['oelig', '\u0153'], ['Scaron', '\u0160'], ['scaron', '\u0161'], ['Yuml', '\u0178'],
  ['circ', '\u02c6'], ['tilde', '\u02dc'], ['minus', '\u2212'], ['larr', '\u2190'], ['rarr', '\u2192'],
  ['uarr', '\u2191'], ['darr', '\u2193'], ['nbhy', '\u2011'],
];

const NAMED: ReadonlyMap<string, string> = new Map<string, string>([
  ...LATIN1_NAMES.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ...OTHER_NAMES,
]);

/** Names browsers accept without the final `;` (the common legacy ones). */
const LEGACY_NO_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/** Windows-1252 code points that numeric references in 0x80-0x9F mean in practice (as browsers do). */
const CP1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** A decoded character reference: its value and the offset just after it. */
export interface DecodedEntity {
  value: string;
  end: number;
}

/**
 * Decodes the character reference starting at `s[at] === '&'`, or returns
 * undefined when there is none (a literal ampersand).
 */
export function decodeEntityAt(s: string, at: number, limit = s.length): DecodedEntity | undefined {
  if (s.charCodeAt(at + 1) === 35 /* # */) {
    const hex = s.charCodeAt(at + 2) === 120 || s.charCodeAt(at + 2) === 88;
    const re = hex ? /[0-9a-fA-F]{1,6}/y : /[0-9]{1,7}/y;
    re.lastIndex = at + (hex ? 3 : 2);
    const m = re.exec(s);
    if (!m || re.lastIndex > limit) return undefined;
    let end = re.lastIndex;
    if (s.charCodeAt(end) === 59 /* ; */ && end < limit) end++;
    let cp = parseInt(m[0], hex ? 16 : 10);
    cp = CP1252[cp] ?? cp;
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    return { value: String.fromCodePoint(cp), end };
  }
  const re = /[A-Za-z][A-Za-z0-9]{1,31}/y;
  re.lastIndex = at + 1;
  const m = re.exec(s);
  if (!m || re.lastIndex > limit) return undefined;
  const value = NAMED.get(m[0]);
  if (value === undefined) return undefined;
  const end = re.lastIndex;
  if (s.charCodeAt(end) === 59 && end < limit) return { value, end: end + 1 };
  return LEGACY_NO_SEMICOLON.has(m[0]) ? { value, end } : undefined;
}

/** Decodes all character references of `s` (for attribute values and titles). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let last = 0;
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    const d = decodeEntityAt(s, i);
    if (d === undefined) continue;
    out += s.slice(last, i) + d.value;
    last = d.end;
    i = d.end - 1;
  }
  return out + s.slice(last);
}
