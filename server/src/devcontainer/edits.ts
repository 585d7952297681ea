import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../../../shared-rules/src/model';
import type { LineIndex } from '../text/line-index';
import { applyEdits } from '../text/edits';
import { checkJsonc, commentSpans, commentsOf, jsonc } from './jsonc';

/**
 * Minimal edits of a JSON-with-comments text: remove array items or object properties (with the one comma that
 * separates them from their neighbours), insert an item or a property. Comments are never removed, not even one
 * between the removed tokens: only the tokens and the blanks around them go, and a line that held nothing else
 * goes whole. Every edit is checked before it is offered: the edited text must parse as JSONC, with the same
 * comments; otherwise there is no edit. The checks are bounded per file (EditBudget).
 */
export class JsonEdits {
  /** Characters the checks may still parse for this file. */
  private budget: number;
  /** The file's comments, which every edited text must keep (read on the first check). */
  private comments: string[] | undefined;

  constructor(
    private readonly file: string,
    private readonly index: LineIndex,
  ) {
    this.budget = Math.max(64 * 1024 * 1024, index.text.length * 8);
  }

  private get text(): string {
    return this.index.text;
  }

  /** Removes the children `from..to` (a contiguous run) of an array or object node. */
  removeChildren(parent: Node, from: number, to: number): TextEdit[] {
    const children = parent.children ?? [];
    if (from < 0 || to >= children.length || from > to) return [];
    const first = children[from];
    const last = children[to];
    const commaAfter = this.commaAfter(last.offset + last.length);
    let start: number;
    let end: number;
    if (commaAfter >= 0) {
      [start, end] = [first.offset, commaAfter + 1];
    } else if (from > 0) {
      // The last item: the comma before it goes (the blanks after it stay, before the closing bracket).
      const previous = children[from - 1];
      const commaBefore = this.commaAfter(previous.offset + previous.length);
      if (commaBefore < 0) return [];
      return this.checked(this.deletion(commaBefore, last.offset + last.length, false));
    } else {
      [start, end] = [first.offset, last.offset + last.length];
    }
    return this.checked(this.deletion(start, end));
  }

  /** Removes the property node `p` of its object. */
  removeProperty(p: Node): TextEdit[] {
    const parent = p.parent;
    const at = parent?.children?.indexOf(p) ?? -1;
    return parent && at >= 0 ? this.removeChildren(parent, at, at) : [];
  }

  /** Removes the items of `array` at the given indexes (each run of neighbours at once; all or nothing). */
  removeItems(array: Node, indexes: readonly number[]): TextEdit[] {
    const sorted = [...new Set(indexes)].sort((a, b) => a - b);
    if (sorted.length === 0) return [];
    for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1] + 1) return [];
    return this.removeChildren(array, sorted[0], sorted[sorted.length - 1]);
  }

  /** Appends a JSON value (`"--pids-limit=200"`) to an array, on a line of its own when the items are. */
  appendItem(array: Node, json: string): TextEdit[] {
    const children = array.children ?? [];
    if (children.length === 0) return this.checked([this.insertion(array.offset + 1, json)]);
    const last = children[children.length - 1];
    const lastLine = this.index.positionAt(last.offset).line;
    const separate = lastLine !== this.index.positionAt(array.offset).line;
    // On a line of its own, indented as the line of the last item.
    const indent = separate ? /^[ \t]*/.exec(this.index.lineText(lastLine))![0] : undefined;
    const text = indent !== undefined ? `,${this.index.eol()}${indent}${json}` : `, ${json}`;
    return this.checked([this.insertion(last.offset + last.length, text)]);
  }

  /** Inserts `"key": json` as a property right after the property `after`, at its indentation. */
  insertPropertyAfter(after: Node, key: string, json: string): TextEdit[] {
    const indent = this.indentOf(after.offset);
    const text = indent !== undefined ? `,${this.index.eol()}${indent}"${key}": ${json}` : `, "${key}": ${json}`;
    return this.checked([this.insertion(after.offset + after.length, text)]);
  }

  /** Inserts text at an offset (checked like the others). */
  insertAt(offset: number, text: string): TextEdit[] {
    return this.checked([this.insertion(offset, text)]);
  }

  /** The whitespace before `offset` when it starts its line; undefined when something else is written before it. */
  private indentOf(offset: number): string | undefined {
    const line = this.index.positionAt(offset).line;
    const before = this.text.slice(this.index.lineStart(line), offset);
    return /^[ \t]*$/.test(before) ? before : undefined;
  }

  /** Offset of the comma that follows `offset` (only comments and blanks between), or -1. */
  private commaAfter(offset: number): number {
    const scanner = jsonc().createScanner(this.text, true);
    scanner.setPosition(offset);
    const kind = scanner.scan() as number;
    return kind === 5 /* CommaToken */ ? scanner.getTokenOffset() : -1;
  }

  private insertion(offset: number, newText: string): TextEdit {
    const at = this.index.positionAt(offset);
    return { file: this.file, range: { start: at, end: at }, newText };
  }

  /** Deletes `text[start, end)` but its comments (and the line break that ends a line comment). */
  private deletion(start: number, end: number, blanks = true): TextEdit[] {
    const comments = commentSpans(this.text, start, end).filter(([a, b]) => a >= start && b <= end);
    if (comments.length === 0) {
      const [s, e] = blanks ? this.wholeLines(start, end) : [start, end];
      return [{ file: this.file, range: this.index.range(s, e), newText: '' }];
    }
    const out: TextEdit[] = [];
    let at = start;
    // Removed from the start of its line: the comment moves to the line's indentation.
    const lineStart = this.index.lineStart(this.index.positionAt(start).line);
    let atIndent = /^[ \t]*$/.test(this.text.slice(lineStart, start));
    for (const [a, b] of comments) {
      // Otherwise the blanks right before a comment stay with it.
      let stop = a;
      if (!atIndent) while (stop > at && (this.text[stop - 1] === ' ' || this.text[stop - 1] === '\t')) stop--;
      atIndent = false;
      if (stop > at) out.push({ file: this.file, range: this.index.range(at, stop), newText: '' });
      at = b;
      if (this.text.startsWith('//', a)) {
        // A line comment ends at its line break, which must stay.
        const nl = this.text.indexOf('\n', b);
        at = nl < 0 ? this.text.length : nl + 1;
      }
    }
    if (end > at) {
      // What is left of the last line goes whole when nothing else is written on it.
      const last = this.index.positionAt(end).line;
      const whole =
        at === this.index.lineStart(this.index.positionAt(at).line) && /^[ \t]*$/.test(this.text.slice(end, this.index.lineEnd(last)));
      const stop = whole && last + 1 < this.index.lineCount ? this.index.lineStart(last + 1) : end;
      out.push({ file: this.file, range: this.index.range(at, stop), newText: '' });
    }
    return out;
  }

  /** `[start, end)` widened to whole lines when nothing else is written on them (the blanks around go too). */
  private wholeLines(start: number, end: number): [number, number] {
    const first = this.index.positionAt(start).line;
    const last = this.index.positionAt(end).line;
    const before = this.text.slice(this.index.lineStart(first), start);
    const after = this.text.slice(end, this.index.lineEnd(last));
    if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after) && last + 1 < this.index.lineCount) {
      return [this.index.lineStart(first), this.index.lineStart(last + 1)];
    }
    // Within a line: one blank after (or else before) the removed text goes with it.
    if (this.text[end] === ' ') return [start, end + 1];
    if (this.text[start - 1] === ' ' && /^[ \t]*$/.test(after)) return [start - 1, end];
    return [start, end];
  }

  /** The edits when the edited text parses as JSONC with the same comments; else none. */
  private checked(edits: TextEdit[]): TextEdit[] {
    if (edits.length === 0 || this.budget < this.text.length * 2) return [];
    this.budget -= this.text.length * 2;
    const after = applyEdits(this.index, edits);
    if (after === undefined) return [];
    const check = checkJsonc(after);
    if (!check.valid) return [];
    const was = (this.comments ??= commentsOf(this.text));
    const now = check.comments;
    if (was.length !== now.length || was.some((c, i) => c !== now[i])) return [];
    return edits;
  }
}
