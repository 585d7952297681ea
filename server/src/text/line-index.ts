import type { Position, Range } from '../../../shared-rules/src/model';

/**
 * Offsets (JS string indices: UTF-16 code units) to LSP positions and back. Line breaks are `\r\n`, `\n` or a
 * lone `\r`, as LSP, the YAML parser and dockerfile-ast count them. Offsets refer to the text given.
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

  /** The line (the file's numbering) holding `offset`. */
  lineOf(offset: number): number {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + this.lineBase;
  }

  /** The offset of a position, clamped to its line's content and to the text. */
  offsetAt(p: Position): number {
    const line = Math.min(Math.max(p.line - this.lineBase, 0), this.starts.length - 1);
    return Math.min(this.starts[line] + Math.max(p.character, 0), this.lineEnd(line + this.lineBase));
  }

  positionAt(offset: number): Position {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line - this.lineBase] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  lineStart(line: number): number {
    return this.starts[line - this.lineBase];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const i = line - this.lineBase;
    let end = i + 1 < this.starts.length ? this.starts[i + 1] : this.text.length;
    if (end > this.starts[i] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[i] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Offset just after the line's line break (the next line's start, or the end of the text). */
  lineEndWithBreak(line: number): number {
    const i = line - this.lineBase;
    return i + 1 < this.starts.length ? this.starts[i + 1] : this.text.length;
  }

  /** The line's content without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The text's line break: that of its first line, else `\n`. */
  eol(): string {
    return detectEol(this.text);
  }
}

/** A text's line break: the first one found, `\n` when there is none. */
export function detectEol(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/** The lines of a text, without their breaks (`\r\n`, `\n` and lone `\r` all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
