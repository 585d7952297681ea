import type { BuildCommand, ContainerSpec, TextEdit, Val } from './model';
import type { FixSafety, RuleFix } from './rule';

/** A known value that YAML / Compose reads as true. */
export function isTrue(v: Val | undefined): boolean {
  return !!v && v.known && /^(true|yes|on|y)$/i.test(v.value.trim());
}

/** A known value equal (case-insensitive) to one of `options`. */
export function isOneOf(v: Val | undefined, ...options: string[]): boolean {
  return !!v && v.known && options.includes(v.value.trim().toLowerCase());
}

/** Set means: written at all, even if unknown (an unknown value must never make a rule fire). */
export function isSet(v: Val | undefined): v is Val {
  return !!v;
}

/** A value that is written and known. */
export function isKnown<T extends { known: boolean }>(v: T | undefined): v is T {
  return !!v && v.known;
}

/** A known value that is a whole number greater than zero (`200`, `"200"`). */
export function isPositiveInteger(v: Val | undefined): boolean {
  return !!v && v.known && /^\+?0*[1-9]\d*$/.test(v.value.trim());
}

/** A user spec (`root`, `0`, `0:0`, `root:root`, `0:1000`) whose user part is root. */
export function isRootUser(spec: string): boolean {
  const user = spec.trim().split(':')[0].trim();
  return user.toLowerCase() === 'root' || /^0+$/.test(user);
}

/** A fix from edits, or none when there is nothing to edit. */
export function fixOf(
  titleId: string,
  edits: TextEdit[] | undefined,
  args?: Record<string, string>,
  safety?: FixSafety,
): RuleFix | undefined {
  if (!edits || edits.length === 0) return undefined;
  const fix: RuleFix = { titleId, args, edits };
  if (safety) fix.safety = safety;
  return fix;
}

export interface Affixes {
  stripPrefix?: string;
  addPrefix?: string;
  stripSuffix?: string;
  addSuffix?: string;
}

/**
 * Rewrites a scalar by changing only its start and end, on the text as written (`raw` when it holds
 * `${...}`), so variables in the middle survive. Undefined when the written text does not start / end
 * with the parts to strip (e.g. they come from a variable) or the scalar cannot be replaced.
 */
export function rewriteAffixes(v: Val | undefined, a: Affixes): TextEdit[] | undefined {
  if (!v?.replace) return undefined;
  const text = v.raw ?? v.value;
  const strip1 = a.stripPrefix ?? '';
  const strip2 = a.stripSuffix ?? '';
  if (strip1.length + strip2.length > text.length || !text.startsWith(strip1) || !text.endsWith(strip2)) return undefined;
  const middle = text.slice(strip1.length, text.length - strip2.length);
  return v.replace(`${a.addPrefix ?? ''}${middle}${a.addSuffix ?? ''}`);
}

/** The shell commands the RUN rules read: a Dockerfile's RUNs (every stage), or a script's own commands. */
export function buildCommandsOf(c: ContainerSpec): BuildCommand[] {
  return c.dockerfile?.allRuns ?? c.scripts ?? [];
}
