import type { Position, TextEdit } from '../../../shared-rules/src/model';

/** Offset of a 0-based line/UTF-16 position in `text`, clamped to the line and to the text. */
export function offsetAt(text: string, lineStarts: readonly number[], pos: Position): number {
  if (pos.line >= lineStarts.length) return text.length;
  const start = lineStarts[pos.line];
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : text.length;
  return Math.min(start + Math.max(0, pos.character), next);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * Applies edits of one file (all positions refer to the original text). Overlapping edits are
 * refused: returns undefined so the caller can skip that fix.
 */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string | undefined {
  const starts = lineStartsOf(text);
  const spans = edits
    .map((e) => ({ from: offsetAt(text, starts, e.range.start), to: offsetAt(text, starts, e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < spans.length; i++) if (spans[i].from < spans[i - 1].to) return undefined;
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.to < s.from) return undefined;
    out += text.slice(at, s.from) + s.text;
    at = s.to;
  }
  return out + text.slice(at);
}
