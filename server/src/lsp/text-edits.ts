import type { Range, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { detectEol as eolOf, splitLines as linesOf } from '../text/line-index';

/**
 * `# dockwarden-ignore <rule>` on its own line above `line`, with that line's indentation. For a Compose list
 * item or a Dockerfile continuation line this is still right: the comment covers the next code line, and
 * Docker drops comment lines inside continuations. A shell command continued over several lines is different (a
 * comment line would end it): the caller passes the command's first line (ActionEnv.ignoreLineOf).
 */
export function ignoreLineEdit(text: string, line: number, rule: string, comment = '#'): LspTextEdit {
  const lines = linesOf(text);
  const target = lines[Math.min(line, lines.length - 1)] ?? '';
  const indent = /^[ \t]*/.exec(target)![0];
  const at = { line: Math.min(line, lines.length - 1), character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}${comment} dockwarden-ignore ${rule}${eolOf(text)}` };
}

/** Parser directives (`# syntax=`, `# escape=`, `# check=`) must stay the first lines of a Dockerfile. */
const DIRECTIVE = /^#\s*[a-zA-Z][a-zA-Z0-9_-]*\s*=/;

/** `# dockwarden-ignore-file <rule>` at the top (after the parser directives of a Dockerfile). */
export function ignoreFileEdit(text: string, rule: string, kind: string, comment = '#'): LspTextEdit {
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
    return { range: { start: end, end }, newText: `${eol}${comment} dockwarden-ignore-file ${rule}${eol}` };
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${comment} dockwarden-ignore-file ${rule}${eol}` };
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
