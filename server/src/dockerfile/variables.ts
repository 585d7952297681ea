/**
 * Dockerfile variable substitution (`$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}`, with and without
 * the colon, defaults that hold variables themselves), as the builder applies it to FROM, USER, EXPOSE, ENV,
 * ARG and ADD. A variable without a known value, and a `${...}` form not read here, make the result unknown.
 *
 * Bounded: 28 lines of `ARG A2=${A1}${A1}` double a value 28 times (2^28 characters from 560 bytes). A value
 * longer than MAX_VALUE, and a file whose expansions exceed its budget, become unknown instead, and the caller
 * reports an `analysis-limit` finding.
 */
import { ExpansionBudget, MAX_VALUE } from '../limits';

export { ExpansionBudget, MAX_VALUE };

export type Vars = ReadonlyMap<string, string | undefined>;

export interface Substituted {
  value: string;
  known: boolean;
  /** The text contains a variable reference. */
  hasVariables: boolean;
  /** Set when a limit made the value unknown: one value too long, or the file's budget spent. */
  limit?: 'value' | 'budget';
}

/** Nesting of `${A:-${B:-...}}` defaults that is followed. */
const MAX_NESTING = 32;

class Limit extends Error {
  constructor(readonly kind: 'value' | 'budget') {
    super(kind);
  }
}

export function substitute(text: string, vars: Vars, escape = '\\', budget?: ExpansionBudget): Substituted {
  if (text.indexOf('$') < 0) return { value: text, known: true, hasVariables: false };
  const state = { known: true, hasVariables: false };
  if (budget && budget.remaining <= 0) return { value: text, known: false, hasVariables: true, limit: 'budget' };
  try {
    const value = expand(text, 0, text.length, vars, escape, state, 0);
    if (state.hasVariables && budget) {
      budget.remaining -= value.length;
      if (budget.remaining < 0) throw new Limit('budget');
    }
    return { value, known: state.known, hasVariables: state.hasVariables };
  } catch (error) {
    if (!(error instanceof Limit)) throw error;
    return { value: text, known: false, hasVariables: true, limit: error.kind };
  }
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

/** Expands text[from, to). Linear in the text plus the output; the output is bounded by MAX_VALUE. */
function expand(
  text: string,
  from: number,
  to: number,
  vars: Vars,
  escape: string,
  state: { known: boolean; hasVariables: boolean },
  depth: number,
): string {
  let out = '';
  const add = (s: string) => {
    out += s;
    if (out.length > MAX_VALUE) throw new Limit('value');
  };
  let i = from;
  while (i < to) {
    const d = text.indexOf('$', i);
    if (d < 0 || d >= to) {
      add(text.slice(i, to));
      break;
    }
    // `\$` is a literal `$` (with the default escape character).
    if (escape === '\\' && d > i && text[d - 1] === '\\') {
      add(text.slice(i, d - 1) + '$');
      i = d + 1;
      continue;
    }
    add(text.slice(i, d));
    const next = d + 1 < to ? text.charCodeAt(d + 1) : NaN;
    if (isNameStart(next)) {
      let j = d + 2;
      while (j < to && isNameChar(text.charCodeAt(j))) j++;
      state.hasVariables = true;
      add(lookup(text.slice(d + 1, j), text.slice(d, j), vars, state));
      i = j;
      continue;
    }
    if (next !== 123 /* { */) {
      add('$');
      i = d + 1;
      continue;
    }
    state.hasVariables = true;
    const close = closingBrace(text, d + 1, to);
    let j = d + 2;
    while (j < close && isNameChar(text.charCodeAt(j))) j++;
    const name = text.slice(d + 2, j);
    if (close < 0 || !name || !isNameStart(name.charCodeAt(0)) || depth >= MAX_NESTING) {
      // Unclosed, no name, a form not read here (`${#A}`, `${A%x}`): nothing about the value is known.
      state.known = false;
      add(text.slice(d, close < 0 ? to : close + 1));
      i = close < 0 ? to : close + 1;
      continue;
    }
    if (j === close) {
      add(lookup(name, text.slice(d, close + 1), vars, state));
    } else {
      const colon = text[j] === ':';
      const op = text[colon ? j + 1 : j];
      const wordStart = colon ? j + 2 : j + 1;
      if (op !== '-' && op !== '+') {
        state.known = false;
        add(text.slice(d, close + 1));
      } else {
        const set = vars.has(name);
        const v = vars.get(name);
        if (set && v === undefined) state.known = false; // its value decides, and it is unknown
        const useValue = colon ? v !== undefined && v !== '' : set;
        if (op === '-') add(useValue ? (v ?? '') : expand(text, wordStart, close, vars, escape, state, depth + 1));
        else if (useValue) add(expand(text, wordStart, close, vars, escape, state, depth + 1));
      }
    }
    i = close + 1;
  }
  return out;
}

function lookup(name: string, written: string, vars: Vars, state: { known: boolean }): string {
  const v = vars.get(name);
  if (v === undefined) {
    state.known = false;
    return written;
  }
  return v;
}

/** Index of the `}` that closes the `{` at `open` (nested `${...}` counted), or -1 before `to`. */
function closingBrace(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i;
  }
  return -1;
}
