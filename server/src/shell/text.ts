export { LineIndex } from '../text/line-index';

/**
 * A text assembled from pieces of the file (a RUN script with its line continuations removed, the content of
 * a quoted `sh -c` argument) with, for each UTF-16 unit, the file offset it was written at (-1 when it was not
 * written as such, e.g. a line break that stands for a continuation).
 */
export interface MappedText {
  text: string;
  offsets: number[];
}

/** Words at least this long are shortened before parsing (their first and last KEEP characters stay). */
const LONG_WORD = 1024;
const KEEP = 64;

/**
 * Shortens giant unquoted words (an inline base64 blob, a generated list) to their first and last characters
 * before parsing: the parser's time grows with the text, and no rule reads such a word. The kept characters
 * keep their file offsets, so the word's range is still exact. One pass over the text (a `{1024,}` pattern
 * would retry at every character of a run just shorter than that).
 */
export function compactLongWords(script: MappedText): MappedText {
  const t = script.text;
  if (t.length < LONG_WORD) return script;
  let out: MappedText | undefined;
  let at = 0;
  for (let i = 0; i < t.length;) {
    if (!isWordUnit(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < t.length && isWordUnit(t.charCodeAt(j))) j++;
    if (j - i >= LONG_WORD) {
      out ??= { text: '', offsets: [] };
      out.text += t.slice(at, i + KEEP) + t.slice(j - KEEP, j);
      pushRange(out.offsets, script.offsets, at, i + KEEP);
      pushRange(out.offsets, script.offsets, j - KEEP, j);
      at = j;
    }
    i = j;
  }
  if (!out) return script;
  out.text += t.slice(at);
  pushRange(out.offsets, script.offsets, at, t.length);
  return out;
}

/** `[A-Za-z0-9_.,:=+@%/-]`: characters of a word that needs no quoting. */
function isWordUnit(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 58) || // digits and ':'
    c === 95 ||
    c === 46 ||
    c === 44 ||
    c === 61 ||
    c === 43 ||
    c === 64 ||
    c === 37 ||
    c === 47 ||
    c === 45
  );
}

/** `target.push(...source.slice(from, to))` without a spread (a spread of a megabyte's offsets overflows the stack). */
export function pushRange(target: number[], source: readonly number[], from: number, to: number): void {
  for (let i = from; i < to; i++) target.push(source[i]);
}
