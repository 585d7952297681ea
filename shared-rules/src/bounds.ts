/**
 * Bounds on what user text can make the tool produce: a finding's message quotes values from the file (an
 * image, a path, a port), and a hostile file can make those values megabytes long. Every quoted value is
 * shortened, and values that came from the process environment are masked (docs/decisions/process-environment.md).
 */

/** Longest user value quoted in a message, in UTF-16 units (a long image reference fits). */
export const MAX_QUOTED = 200;

/**
 * `text` when it is at most `max` units long, else its start and its end around `…` (`max` units in all). Never
 * splits a surrogate pair.
 */
export function shorten(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  const tailLength = Math.floor((max - 1) / 4);
  let head = max - 1 - tailLength;
  let tail = text.length - tailLength;
  if (isHigh(text.charCodeAt(head - 1))) head--;
  if (isLow(text.charCodeAt(tail))) tail++;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** `target.push(...items)` without spreading: a spread of a few hundred thousand items overflows the stack. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}

/** A variable whose value came from the process environment (CLI only), as a rule's container records it. */
export interface EnvValue {
  name: string;
  value: string;
}

/** Values this short are masked only where they stand as a word of their own (`80` in `80:80`, not in `web80`). */
const WORD_ONLY_BELOW = 4;

/**
 * `text` with every value of `values` replaced by `${NAME}`: a value from the process environment (a CI token)
 * is never printed. Longer values first, so a value that contains a shorter one is masked whole.
 */
export function maskValues(text: string, values: readonly EnvValue[] | undefined): string {
  if (!values || values.length === 0 || text === '') return text;
  let out = text;
  const sorted = values.length > 1 ? [...values].sort((a, b) => b.value.length - a.value.length) : values;
  for (const { name, value } of sorted) {
    if (value === '' || out.indexOf(value) < 0) continue;
    out = replaceOccurrences(out, value, `\${${name}}`, value.length < WORD_ONLY_BELOW);
  }
  return out;
}

function replaceOccurrences(text: string, value: string, by: string, wordOnly: boolean): string {
  let out = '';
  let at = 0;
  for (let i = text.indexOf(value); i >= 0;) {
    if (wordOnly && (isWordChar(text.charCodeAt(i - 1)) || isWordChar(text.charCodeAt(i + value.length)))) {
      i = text.indexOf(value, i + 1);
      continue;
    }
    out += text.slice(at, i) + by;
    at = i + value.length;
    i = text.indexOf(value, at);
  }
  return at === 0 ? text : out + text.slice(at);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Message arguments with environment values masked and every value shortened. */
export function boundArgs(
  args: Record<string, string> | undefined,
  values: readonly EnvValue[] | undefined,
): Record<string, string> | undefined {
  if (!args) return args;
  let out: Record<string, string> | undefined;
  for (const key of Object.keys(args)) {
    const v = args[key];
    if (typeof v !== 'string') continue;
    const bounded = shorten(maskValues(v, values));
    if (bounded !== v) (out ??= { ...args })[key] = bounded;
  }
  return out ?? args;
}
