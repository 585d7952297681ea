/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`,
 * `${VAR:+alt}`, `${VAR+alt}`, nested defaults, and `$$` for a literal `$`.
 * A variable that has no value and no default makes the result unknown (`known: false`): rules never fire
 * on values we cannot know.
 */

import type { EnvValue } from '../../../shared-rules/src/bounds';
import { MAX_VALUE, type ExpansionBudget } from '../limits';

export interface Interpolated {
  value: string;
  known: boolean;
  /** True when the text used variable syntax (not just `$$`). */
  interpolated: boolean;
  /** Set when a limit made the value unknown: the value too long, or the file's expansion budget spent. */
  limit?: 'value' | 'budget';
}

export type Env = ReadonlyMap<string, string>;

/** What a parse's interpolations share: the file's expansion budget, and where process-environment values go. */
export interface InterpolationContext {
  budget?: ExpansionBudget;
  /** Receives each variable of the process environment (see markProcessEnv) that a value used. */
  used?: (v: EnvValue) => void;
}

/** Names of an environment's variables whose values came from the process environment (the CLI's). */
const processEnvNames = new WeakMap<Env, Pick<ReadonlySet<string>, 'has'>>();

/**
 * Marks the variables of `env` whose values came from the process environment: messages never show them.
 * `names` may be a set, or (a `.env` being read, whose variables grow line by line) anything that answers `has`.
 */
export function markProcessEnv(env: Env, names: Pick<ReadonlySet<string>, 'has'>): void {
  if (!(names instanceof Set) || names.size > 0) processEnvNames.set(env, names);
}

/** The marked names of an environment built by the project loader (a set). */
export function processEnvNamesOf(env: Env): ReadonlySet<string> | undefined {
  const names = processEnvNames.get(env);
  return names instanceof Set ? names : undefined;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

class Limit extends Error {
  constructor(readonly kind: 'value' | 'budget') {
    super(kind);
  }
}

export function interpolate(raw: string, env: Env, ctx: InterpolationContext = {}): Interpolated {
  if (raw.indexOf('$') < 0) return { value: raw, known: true, interpolated: false };
  const state: State = { known: true, interpolated: false, fromProcess: processEnvNames.get(env), used: ctx.used };
  try {
    if (ctx.budget && ctx.budget.remaining <= 0 && hasVariables(raw)) throw new Limit('budget');
    const value = expand(raw, env, state, 0);
    if (state.interpolated && ctx.budget) {
      ctx.budget.remaining -= value.length;
      if (ctx.budget.remaining < 0) throw new Limit('budget');
    }
    return { value, known: state.known, interpolated: state.interpolated };
  } catch (error) {
    if (!(error instanceof Limit)) throw error;
    return { value: raw, known: false, interpolated: true, limit: error.kind };
  }
}

/** True when `raw` contains `${` or `$NAME` (an escaped `$$` does not count). */
export function hasVariables(raw: string): boolean {
  for (let i = raw.indexOf('$'); i >= 0 && i < raw.length; i = raw.indexOf('$', i + 1)) {
    const next = raw[i + 1];
    if (next === '$') {
      i++;
      continue;
    }
    if (next === '{' || (next !== undefined && NAME_START.test(next))) return true;
  }
  return false;
}

interface State {
  known: boolean;
  interpolated: boolean;
  fromProcess?: Pick<ReadonlySet<string>, 'has'>;
  used?: (v: EnvValue) => void;
}

const MAX_DEPTH = 20;

/** Expands `raw`; the value may not grow past MAX_VALUE (`${A}` written 10,000 times with a long A). */
function expand(raw: string, env: Env, st: State, depth: number): string {
  let out = '';
  let i = 0;
  const grew = () => {
    if (out.length > MAX_VALUE) throw new Limit('value');
  };
  while (i < raw.length) {
    const d = raw.indexOf('$', i);
    if (d < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, d);
    const next = raw[d + 1];
    if (next === '$') {
      out += '$';
      i = d + 2;
    } else if (next === '{') {
      const close = matchingBrace(raw, d + 1);
      st.interpolated = true;
      if (close < 0 || depth >= MAX_DEPTH) {
        // Compose rejects an unclosed `${`: nothing about the value can be known.
        st.known = false;
        out += raw.slice(d);
        break;
      }
      out += braced(raw.slice(d + 2, close), env, st, depth);
      grew();
      i = close + 1;
    } else if (next !== undefined && NAME_START.test(next)) {
      let j = d + 2;
      while (j < raw.length && NAME_CHAR.test(raw[j])) j++;
      st.interpolated = true;
      out += lookup(raw.slice(d + 1, j), env, st);
      grew();
      i = j;
    } else {
      // A lone `$` (Compose calls it an invalid template); keep it literally.
      out += '$';
      i = d + 1;
    }
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, honouring nested `${...}`. */
function matchingBrace(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    const c = raw[i];
    if (c === '$' && raw[i + 1] === '$') {
      i++;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(body: string, env: Env, st: State, depth: number): string {
  let n = 0;
  while (n < body.length && NAME_CHAR.test(body[n])) n++;
  const name = body.slice(0, n);
  if (!name || !NAME_START.test(name[0])) {
    st.known = false;
    return '';
  }
  const rest = body.slice(n);
  if (rest === '') return lookup(name, env, st);
  const m = /^(:?)([-?+])/.exec(rest);
  if (!m) {
    st.known = false;
    return '';
  }
  const colon = m[1] === ':';
  const op = m[2];
  const arg = rest.slice(m[0].length);
  const value = env.get(name);
  const isSet = value !== undefined && (!colon || value !== '');
  switch (op) {
    case '-':
      return isSet ? used(name, value!, st) : expand(arg, env, st, depth + 1);
    case '+':
      return isSet ? expand(arg, env, st, depth + 1) : '';
    default:
      // `?`: Compose stops with the error message when the variable is missing.
      if (isSet) return used(name, value!, st);
      st.known = false;
      return '';
  }
}

function lookup(name: string, env: Env, st: State): string {
  const v = env.get(name);
  if (v === undefined) {
    st.known = false;
    return '';
  }
  return used(name, v, st);
}

/** A variable's value that goes into the result: reported when it came from the process environment. */
function used(name: string, value: string, st: State): string {
  if (st.used && st.fromProcess?.has(name) && value !== '') st.used({ name, value });
  return value;
}
