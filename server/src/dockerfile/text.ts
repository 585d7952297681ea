import type { Position, Range } from '../../../shared-rules/src/model';

/**
 * Offsets (UTF-16 code units into the whole file) to LSP positions and back. Line breaks are `\r\n`, `\n`
 * and `\r`, as in LSP text documents and dockerfile-ast.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
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

  offsetAt(p: Position): number {
    const line = Math.min(Math.max(p.line, 0), this.starts.length - 1);
    return Math.min(this.starts[line] + Math.max(p.character, 0), this.lineEnd(line));
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
    return { line: lo, character: o - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The line's content without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
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
