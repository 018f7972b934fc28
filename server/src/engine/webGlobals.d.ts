/**
 * The web-standard globals the engine uses, and only those: the engine
 * compiles without Node's types or the DOM library (see tsconfig.json here),
 * so it runs wherever these exist (Node, browsers, workers, Deno).
 *
 * Only the engine's own tsconfig reads this file; the root tsconfig excludes
 * it, because @types/node declares the same globals there.
 */

/** Options of {@link TextDecoder} (WHATWG Encoding). */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

/** WHATWG `TextDecoder`: bytes in a given encoding → string. */
interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};

/** WHATWG `TextEncoder`: string → UTF-8 bytes. */
interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}

declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};
