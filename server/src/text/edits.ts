import type { Position, TextEdit } from '../../../shared-rules/src/model';
import { LineIndex } from './line-index';

/** A text edit's offsets into the text it was computed on. */
export interface Span {
  from: number;
  to: number;
  text: string;
}

/** The spans of edits over `text` (positions clamped to the text), sorted; undefined when two overlap. */
export function spansOf(text: string | LineIndex, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): Span[] | undefined {
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  const spans = edits
    .map((e) => ({ from: index.offsetAt(e.range.start), to: index.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 0; i < spans.length; i++) {
    if (spans[i].to < spans[i].from) return undefined;
    if (i > 0 && spans[i].from < spans[i - 1].to) return undefined;
  }
  return spans;
}

/**
 * Applies edits of one file (all positions refer to the original text). Overlapping edits are refused: returns
 * undefined so the caller can skip that fix.
 */
export function applyEdits(source: string | LineIndex, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string | undefined {
  // A caller that checks many edits of one text passes its line index (built once, not per edit).
  const text = typeof source === 'string' ? source : source.text;
  const spans = spansOf(source, edits);
  if (!spans) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.from), s.text);
    at = s.to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * One edit that turns `before` into `after`: the changed middle, never splitting a CRLF or a surrogate pair.
 * `positionAt` maps offsets of `before` to positions. Undefined when the texts are equal.
 */
export function minimalEdit(
  before: string,
  after: string,
  positionAt: (offset: number) => Position,
): { range: { start: Position; end: Position }; newText: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  start = safeBoundary(before, start, -1);
  const tail = safeBoundary(before, before.length - end, +1);
  end = before.length - tail;
  return {
    range: { start: positionAt(start), end: positionAt(tail) },
    newText: after.slice(start, after.length - end),
  };
}

/** Moves an offset off the middle of `\r\n` or of a surrogate pair, in `dir`. */
function safeBoundary(text: string, offset: number, dir: -1 | 1): number {
  const splits = (o: number) =>
    o > 0 &&
    o < text.length &&
    ((text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) || (isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))));
  while (splits(offset)) offset += dir;
  return offset;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
