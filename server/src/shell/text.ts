import type { Position, Range } from '../../../shared-rules/src/model';

/**
 * Offsets (UTF-16 code units into the whole file) to LSP positions and back. Line breaks are `\r\n`, `\n`
 * and `\r`, as in LSP text documents and dockerfile-ast.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  /**
   * `lineBase`: the text is a window of a file starting at that line (see `window`); positions are the file's,
   * offsets are into the window.
   */
  constructor(
    readonly text: string,
    private readonly lineBase = 0,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * The lines `from`..`to` (without the last line's break) as an index of their own, with the file's positions:
   * what is analysed of one instruction can then be kept and reused for the same lines at the same place in a
   * later version of the file, without holding on to the whole text.
   */
  window(from: number, to: number): LineIndex {
    return new LineIndex(this.text.slice(this.lineStart(from), this.lineEnd(to)), from - this.lineBase);
  }

  offsetAt(p: Position): number {
    const line = Math.min(Math.max(p.line - this.lineBase, 0), this.starts.length - 1);
    return Math.min(this.starts[line] + Math.max(p.character, 0), this.lineEnd(line + this.lineBase));
  }

  positionAt(offset: number): Position {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.lineBase, character: o - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[line - this.lineBase];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const i = line - this.lineBase;
    const next = i + 1 < this.starts.length ? this.starts[i + 1] : this.text.length;
    let end = next;
    if (end > this.starts[i] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[i] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The line's content without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The file's line break: that of its first line, else `\n`. */
  eol(): string {
    const m = /\r\n|\n|\r/.exec(this.text);
    return m ? m[0] : '\n';
  }
}

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
