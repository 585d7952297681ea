/**
 * Access to mvdan-sh's syntax tree (mvdan.cc/sh/v3/syntax compiled to JS by GopherJS; pinned to 0.10.1).
 *
 * The package's public objects are `js.MakeFullWrapper` proxies: every field read converts Go values to JS
 * through reflection, which costs ~0.3 ms per node — far more than parsing (a 2 KB RUN took 150 ms to walk).
 * So we read the Go objects behind the proxies (`__internal_object__`) directly: struct pointers are plain
 * objects with the Go field names, slices are `{ $array, $offset, $length }`, nil is a sentinel, and Go
 * methods such as `Pos().Offset()` can be called on them. Offsets are UTF-8 byte offsets.
 * Loaded lazily: only Dockerfiles with RUN need it.
 */

export interface GoPos {
  Offset(): number;
}

export interface GoNode {
  Pos(): GoPos;
  End(): GoPos;
  [field: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface SyntaxApi {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): { __internal_object__?: GoNode } };
}

let api: SyntaxApi | undefined;

function syntax(): SyntaxApi {
  api ??= (require('mvdan-sh') as { syntax: SyntaxApi }).syntax;
  return api;
}

const CACHE_SIZE = 500;

/**
 * Parsed scripts by text, kept by a front end between lints. The GopherJS parser needs ~5 µs per character, and
 * an editor re-lints the whole file on every keystroke while usually only one RUN or one piece of a script
 * changed; trees are only read, and their positions are relative to the script, so a tree can be reused wherever
 * the same script text appears.
 */
export class ShellTrees {
  private readonly cache = new Map<string, GoNode | Error>();

  /** Parses a bash script into the Go `*syntax.File`. Throws on syntax errors. */
  parse(text: string): GoNode {
    let result = this.cache.get(text);
    if (result === undefined) {
      result = parseUncached(text);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    } else {
      this.cache.delete(text); // most recently used goes last
    }
    this.cache.set(text, result);
    if (result instanceof Error) throw result;
    return result;
  }
}

/** Parses a bash script into the Go `*syntax.File`, keeping nothing. Throws on syntax errors. */
export function parseBash(text: string): GoNode {
  const result = parseUncached(text);
  if (result instanceof Error) throw result;
  return result;
}

/**
 * One parser for all scripts: a parser's first Parse allocates its read buffers, which costs more than parsing
 * a short script (0.34 ms vs 0.09 ms for `echo step 1`; 5,000 RUNs took seconds). Reuse is safe: Parse resets
 * the parser's state, and the nodes it hands out are never handed out again, so earlier trees stay intact.
 * Parsing is not re-entrant (trees are walked after Parse returns); after an exception the parser is dropped.
 */
let shared: ReturnType<SyntaxApi['NewParser']> | undefined;

function parseUncached(text: string): GoNode | Error {
  const parser = shared ?? syntax().NewParser();
  shared = undefined;
  try {
    const file = parser.Parse(text, 'RUN').__internal_object__;
    shared = parser;
    return file ?? new Error('mvdan-sh: unexpected object layout');
  } catch (error) {
    return error instanceof Error ? error : new Error(goErrorText(error));
  }
}

/** The text of a Go error thrown through GopherJS (`RUN:3:7: reached EOF without closing quote "`). */
function goErrorText(error: unknown): string {
  const e = error as { Error?: () => unknown } | null;
  try {
    if (e && typeof e.Error === 'function') return String(e.Error());
  } catch {
    // fall through
  }
  return 'shell syntax error';
}

/** Line (1-based, of the parsed text) and message of a parse error from `parseBash`. */
export function syntaxErrorAt(error: unknown): { line: number; message: string } | undefined {
  const m = error instanceof Error ? /^[^:\n]*:(\d+):\d+: (.*)$/s.exec(error.message) : null;
  return m ? { line: Number(m[1]), message: m[2] } : undefined;
}

/** A nil pointer or nil interface. */
export function isNil(x: unknown): boolean {
  if (x === null || x === undefined || typeof x !== 'object') return true;
  const o = x as { constructor?: { nil?: unknown }; $val?: unknown };
  return !('$val' in o) || o.constructor?.nil === x;
}

/** `*syntax.CallExpr` → `CallExpr`; '' for nil. */
export function nodeType(x: unknown): string {
  if (isNil(x)) return '';
  const name = (x as { constructor: { string?: string } }).constructor.string ?? '';
  return name.replace(/^\*syntax\./, '');
}

/** The elements of a Go slice of nodes (nil elements dropped). */
export function list(slice: unknown): GoNode[] {
  if (!slice || typeof slice !== 'object' || !('$array' in slice)) return [];
  const s = slice as { $array: GoNode[]; $offset: number; $length: number };
  return s.$array.slice(s.$offset, s.$offset + s.$length).filter((n) => !isNil(n));
}

/** Every node below `node` (depth-first), for the rare constructs not walked by hand. */
export function eachChild(node: GoNode, visit: (child: GoNode) => boolean, depth = 0): void {
  if (depth > 100) return;
  for (const key of Object.keys(node)) {
    if (key === '$val') continue;
    const value = node[key];
    const children = value && typeof value === 'object' && '$array' in value ? list(value) : [value];
    for (const child of children) {
      if (!nodeType(child) || nodeType(child).includes('.')) continue;
      if (visit(child)) eachChild(child, visit, depth + 1);
    }
  }
}
