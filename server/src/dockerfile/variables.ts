/**
 * Dockerfile variable substitution (`$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}`, with and without
 * the colon), as the builder applies it to FROM, USER, EXPOSE, ENV and ADD. A variable without a known value
 * makes the result unknown.
 */
export type Vars = ReadonlyMap<string, string | undefined>;

export interface Substituted {
  value: string;
  known: boolean;
  /** The text contains a variable reference. */
  hasVariables: boolean;
}

const REF = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function substitute(text: string, vars: Vars, escape = '\\'): Substituted {
  let known = true;
  let hasVariables = false;
  const value = text.replace(REF, (m: string, braced?: string, op?: string, word?: string, bare?: string) => {
    if (m === '\\$') return escape === '\\' ? '$' : m;
    hasVariables = true;
    const name = (braced ?? bare)!;
    const set = vars.has(name);
    const v = vars.get(name);
    if (op) {
      const useAlt = op.startsWith(':') ? v !== undefined && v !== '' : set;
      if (op.endsWith('-')) {
        if (useAlt) return v ?? '';
        // The default applies; unknown values make the choice unknown.
        if (set && v === undefined) known = false;
        return word ?? '';
      }
      if (set && v === undefined) known = false;
      return useAlt ? (word ?? '') : '';
    }
    if (v === undefined) {
      known = false;
      return m;
    }
    return v;
  });
  return { value, known, hasVariables };
}
