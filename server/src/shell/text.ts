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

/**
 * Shortens giant unquoted words (an inline base64 blob, a generated list) to their first and last characters
 * before parsing: the parser's time grows with the text, and no rule reads such a word. The kept characters
 * keep their file offsets, so the word's range is still exact.
 */
export function compactLongWords(script: MappedText): MappedText {
  const long = /[A-Za-z0-9_.,:=+@%/-]{4096,}/g;
  if (script.text.length < 4096 || !long.test(script.text)) return script;
  long.lastIndex = 0;
  const out: MappedText = { text: '', offsets: [] };
  let at = 0;
  for (let m = long.exec(script.text); m; m = long.exec(script.text)) {
    const keep = [m.index, m.index + 64, m.index + m[0].length - 64, m.index + m[0].length];
    out.text += script.text.slice(at, keep[1]) + script.text.slice(keep[2], keep[3]);
    copyOffsets(out.offsets, script.offsets, at, keep[1]);
    copyOffsets(out.offsets, script.offsets, keep[2], keep[3]);
    at = keep[3];
  }
  out.text += script.text.slice(at);
  copyOffsets(out.offsets, script.offsets, at, script.offsets.length);
  return out;
}

/** `to.push(...from.slice(start, end))` without spreading (a spread of a megabyte's offsets overflows the stack). */
function copyOffsets(to: number[], from: number[], start: number, end: number): void {
  for (let i = start; i < end; i++) to.push(from[i]);
}
