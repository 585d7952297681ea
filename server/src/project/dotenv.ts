/**
 * `.env` files read the way Docker Compose reads them (docs: "Syntax for environment files"; behaviour as in
 * compose-go's dotenv parser). One pass over the text, no regular expression over it, so a hostile file cannot
 * make it slow (docs/decisions/dotenv-parser.md):
 *
 * - blank lines and lines starting with `#` are skipped; `export ` before a name is ignored;
 * - `NAME=value` or `NAME: value`, spaces around the separator ignored; a name is letters, digits and `_ . - [ ]`
 *   (a name with a space inside stops the file: Compose rejects it); a name alone on its line takes the
 *   variable's value from the environment, if it has one;
 * - unquoted: up to the end of the line, cut at ` #` (an inline comment needs a space before it), trailing
 *   spaces removed, variables expanded;
 * - single quotes: literal (`\'` is a quote), may span lines; double quotes: may span lines, `\n \r \t \a \b \f
 *   \v \\ \" \$` and `\0ooo` (octal) escapes, then variables expanded; what follows the closing quote on the
 *   line is ignored when it is a comment;
 * - expansion as in Compose files (`$A`, `${A}`, `${A:-default}`, ...), looking a name up in the process
 *   environment first, then in the values above it in the file.
 *
 * Where the tool cannot know a value, it leaves the variable undefined rather than guessing: an expansion of
 * a variable that has no value (Compose gives ""), a `${A:?error}` that fails (Compose stops), a value a limit
 * stopped. Rules then never fire on what uses it.
 */
import { interpolate, markProcessEnv, type Env } from '../compose/interpolate';
import { ExpansionBudget } from '../limits';

export interface DotenvResult {
  /** The variables with known values, in file order. */
  values: Map<string, string>;
  /** Variables whose value came from (or was built with) the process environment. */
  fromProcess: Set<string>;
  /** Set when an expansion limit made a value unknown. */
  limit?: 'value' | 'budget';
  /** The first syntax error (Compose rejects the file; the values above it are kept). */
  error?: { line: number; message: string };
}

export type Lookup = (name: string) => string | undefined;

export function parseDotenv(text: string, lookup?: Lookup): DotenvResult {
  const result: DotenvResult = { values: new Map(), fromProcess: new Set() };
  const budget = ExpansionBudget.forText(text);
  const p = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, lookup, result, budget);
  try {
    p.parse();
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error;
    result.error = { line: error.line, message: error.message };
  }
  return result;
}

class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Go's unicode.IsSpace without the line break: what may surround names and separators. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0x85 || c === 0xa0;
}

function isSpace(c: number): boolean {
  return (
    isBlank(c) ||
    c === 10 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x1680 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

class Parser {
  private i = 0;

  constructor(
    private readonly t: string,
    private readonly lookup: Lookup | undefined,
    private readonly out: DotenvResult,
    private readonly budget: ExpansionBudget,
  ) {}

  parse(): void {
    const t = this.t;
    for (;;) {
      // The next statement: skip spaces, line breaks and comment lines.
      while (this.i < t.length && isSpace(t.charCodeAt(this.i))) this.i++;
      if (this.i >= t.length) return;
      if (t[this.i] === '#') {
        const nl = t.indexOf('\n', this.i);
        if (nl < 0) return;
        this.i = nl;
        continue;
      }
      this.statement();
    }
  }

  /** 1-based line of an offset (for the one error message). */
  private lineAt(offset: number): number {
    let line = 1;
    for (let k = this.t.indexOf('\n'); k >= 0 && k < offset; k = this.t.indexOf('\n', k + 1)) line++;
    return line;
  }

  private statement(): void {
    const t = this.t;
    // `export NAME=...` (export followed by whitespace).
    if (t.startsWith('export', this.i) && isSpace(t.charCodeAt(this.i + 6))) {
      this.i += 6;
      while (this.i < t.length && isBlank(t.charCodeAt(this.i))) this.i++;
    }
    const keyStart = this.i;
    let keyEnd = -1;
    let separator = '';
    for (let k = this.i; k < t.length; k++) {
      const c = t.charCodeAt(k);
      if (isBlank(c)) continue;
      if (c === 61 /* = */ || c === 58 /* : */ || c === 10) {
        keyEnd = k;
        separator = t[k];
        break;
      }
      if (c === 95 || c === 46 || c === 45 || c === 91 || c === 93) continue;
      if (c < 128 ? (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) : LETTER_OR_DIGIT.test(charAt(t, k))) {
        if (c >= 0xd800 && c <= 0xdbff) k++;
        continue;
      }
      throw new DotenvError(`unexpected character in variable name`, this.lineAt(k));
    }
    if (keyEnd < 0) {
      // A name without separator at the end of the file: Compose reads it as a value without a name.
      this.i = t.length;
      return;
    }
    let key = t.slice(keyStart, keyEnd);
    let e = key.length;
    while (e > 0 && isSpace(key.charCodeAt(e - 1))) e--;
    key = key.slice(0, e);
    if (key.includes(' ')) throw new DotenvError('key cannot contain a space', this.lineAt(keyStart));
    this.i = keyEnd + 1;
    if (separator === '\n') {
      // A name alone: its value comes from the environment.
      const v = this.lookup?.(key);
      if (v !== undefined) this.set(key, v, true);
      return;
    }
    while (this.i < t.length && isBlank(t.charCodeAt(this.i))) this.i++;
    this.value(key);
  }

  private value(key: string): void {
    const t = this.t;
    const q = t[this.i];
    if (q !== '"' && q !== "'") {
      const nl = t.indexOf('\n', this.i);
      const lineEnd = nl < 0 ? t.length : nl;
      let raw = t.slice(this.i, lineEnd);
      this.i = nl < 0 ? t.length : nl + 1;
      const comment = raw.indexOf(' #');
      if (comment >= 0) raw = raw.slice(0, comment);
      let e = raw.length;
      while (e > 0 && isSpace(raw.charCodeAt(e - 1))) e--;
      this.expanded(key, raw.slice(0, e));
      return;
    }
    // Quoted: up to the first quote not preceded by an escaping backslash; `\<quote>` is the quote, any other
    // `\x` stays as written (double quotes then expand their escapes).
    let chars = '';
    let escaped = false;
    const start = this.i;
    for (let k = this.i + 1; k < t.length; k++) {
      const c = t[k];
      if (c !== q) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      this.i = k + 1;
      if (q === "'") this.set(key, chars, false);
      else this.expanded(key, expandEscapes(chars));
      return;
    }
    throw new DotenvError('unterminated quoted value', this.lineAt(start));
  }

  /** `raw` with variables expanded: from the process environment first, then the values above. */
  private expanded(key: string, raw: string): void {
    if (raw.indexOf('$') < 0) {
      this.set(key, raw, false);
      return;
    }
    const values = this.out.values;
    const lookup = this.lookup;
    const env = { get: (name: string) => lookup?.(name) ?? values.get(name) } as unknown as Env;
    const fromProcess = this.out.fromProcess;
    markProcessEnv(env, { has: (name: string) => lookup?.(name) !== undefined || fromProcess.has(name) });
    let process = false;
    const r = interpolate(raw, env, { budget: this.budget, used: () => (process = true) });
    if (r.limit) this.out.limit ??= r.limit;
    if (!r.known) {
      values.delete(key);
      fromProcess.delete(key);
      return;
    }
    this.set(key, r.value, process);
  }

  private set(key: string, value: string, process: boolean): void {
    // A later definition wins but keeps Compose's order (the first definition's place).
    this.out.values.set(key, value);
    if (process) this.out.fromProcess.add(key);
    else this.out.fromProcess.delete(key);
  }
}

function charAt(t: string, k: number): string {
  const c = t.charCodeAt(k);
  return c >= 0xd800 && c <= 0xdbff ? t.slice(k, k + 2) : t[k];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
};

/**
 * Double-quoted escapes as Compose expands them: `\n \r \t \a \b \f \v \\ \"`, `\0ooo` (three octal digits),
 * and `\$` as a literal `$` (written `$$` for the expansion that follows); anything else as written.
 */
function expandEscapes(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === '$') {
      out += '$$';
      i++;
    } else if (n === '0') {
      // `\0` and up to three digits; only three octal digits make a character, else it stays as written.
      let j = i + 2;
      while (j < s.length && j < i + 5 && s[j] >= '0' && s[j] <= '9') j++;
      const digits = s.slice(i + 2, j);
      const code = /^[0-7]{3}$/.test(digits) ? parseInt(digits, 8) : 256;
      out += code <= 255 ? String.fromCharCode(code) : s.slice(i, j);
      i = j - 1;
    } else if (Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, n)) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else {
      out += c;
    }
  }
  return out;
}
