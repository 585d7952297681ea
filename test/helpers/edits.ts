import type { Position, TextEdit } from '../../shared-rules/src/model';

/** Offset of an LSP position (0-based line, UTF-16 character) in `text`; CRLF and LF both end a line. */
export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new Error(`line ${pos.line} is past the end of the text`);
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = (lineEnd < 0 ? text.length : lineEnd) - offset;
  // The position right after `\r` of a CRLF is treated as the end of the line's content.
  if (pos.character > max) throw new Error(`character ${pos.character} is past the end of line ${pos.line}`);
  return offset + pos.character;
}

/**
 * Applies edits as an LSP client does: all ranges refer to the original text; edits must not overlap.
 * Only edits for `file` are applied (when given); the result is the new text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], file?: string): string {
  const spans = edits
    .filter((e) => file === undefined || e.file === file)
    .map((e, index) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, index }));
  for (const s of spans) if (s.end < s.start) throw new Error('edit range ends before it starts');
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}
