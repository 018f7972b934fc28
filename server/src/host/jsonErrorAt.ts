/**
 * Where a JSON text stops being JSON. `JSON.parse` says so in words that
 * differ between V8 versions, some with a position ("at position 42"), some
 * with only a snippet ("…,] } is not valid JSON"); a person fixing a
 * configuration file needs the line and column. This scanner follows the
 * JSON grammar (RFC 8259) just far enough to find the first offending
 * character; it runs only after `JSON.parse` has failed.
 */

/** The offset of the first character that makes `text` invalid JSON (its length when it ends too early); -1 when it is valid. */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const expect = (ch: string) => (text[i] === ch ? i++ : fail());
  const string = () => {
    expect('"');
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) ((i += k), fail());
          i += 5;
        } else if (i < n && '"\\/bfnrt'.includes(text[i])) i++;
        else fail();
      } else i++;
    }
    expect('"');
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const literal = (word: string) => {
    for (const ch of word) expect(ch);
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else return void expect('}');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else return void expect(']');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value(0);
    ws();
    return i < n ? i : -1;
  } catch (e) {
    if (e instanceof Stop) return Math.min(i, n);
    throw e;
  }
}
