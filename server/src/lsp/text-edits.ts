import type { Range, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { FileKind } from '../kind';

/** The document's line end: the first one found, else LF. */
export function eolOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

export function linesOf(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * `# dockwarden-ignore <rule>` on its own line above `line`, with that line's indentation. For a Compose list
 * item or a Dockerfile continuation line this is still right: the comment covers the next code line, and
 * Docker drops comment lines inside continuations.
 */
export function ignoreLineEdit(text: string, line: number, rule: string): LspTextEdit {
  const lines = linesOf(text);
  const target = lines[Math.min(line, lines.length - 1)] ?? '';
  const indent = /^[ \t]*/.exec(target)![0];
  const at = { line: Math.min(line, lines.length - 1), character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# dockwarden-ignore ${rule}${eolOf(text)}` };
}

/** Parser directives (`# syntax=`, `# escape=`, `# check=`) must stay the first lines of a Dockerfile. */
const DIRECTIVE = /^#\s*[a-zA-Z][a-zA-Z0-9_-]*\s*=/;

/** `# dockwarden-ignore-file <rule>` at the top (after the parser directives of a Dockerfile). */
export function ignoreFileEdit(text: string, rule: string, kind: FileKind): LspTextEdit {
  const lines = linesOf(text);
  let line = 0;
  if (kind === 'dockerfile') {
    while (line < lines.length && DIRECTIVE.test(lines[line]) && !/dockwarden-ignore/.test(lines[line])) line++;
  }
  const eol = eolOf(text);
  if (line >= lines.length) {
    // Only directives, without a final newline: append after the last one.
    const last = lines.length - 1;
    const end = { line: last, character: lines[last].length };
    return { range: { start: end, end }, newText: `${eol}# dockwarden-ignore-file ${rule}${eol}` };
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `# dockwarden-ignore-file ${rule}${eol}` };
}

/** Removes an unused suppression: the whole line when the comment stands alone, else the trailing comment. */
export function removeSuppressionEdit(text: string, range: Range): LspTextEdit {
  const lines = linesOf(text);
  const line = range.start.line;
  const content = lines[line] ?? '';
  const before = content.slice(0, range.start.character);
  if (before.trim() === '') {
    const end = line + 1 < lines.length ? { line: line + 1, character: 0 } : { line, character: content.length };
    const start = line + 1 < lines.length || line === 0 ? { line, character: 0 } : { line: line - 1, character: lines[line - 1].length };
    return { range: { start, end }, newText: '' };
  }
  let trimmed = before.length;
  while (trimmed > 0 && (before[trimmed - 1] === ' ' || before[trimmed - 1] === '\t')) trimmed--;
  return { range: { start: { line, character: trimmed }, end: { line, character: content.length } }, newText: '' };
}

/**
 * One edit that turns `before` into `after`: the changed middle, never splitting a CRLF or a surrogate pair.
 * `positionAt` maps offsets of `before` to positions. Undefined when the texts are equal.
 */
export function minimalEdit(
  before: string,
  after: string,
  positionAt: (offset: number) => { line: number; character: number },
): LspTextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  start = safeBoundary(before, start, -1);
  let tail = before.length - end;
  tail = safeBoundary(before, tail, +1);
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
