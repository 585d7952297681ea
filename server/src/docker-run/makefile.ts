import type { ShellTrees } from '../shell/mvdan';
import type { ParsedFile } from '../../../shared-rules/src/model';
import { LineIndex, type MappedText } from '../shell/text';
import { isBinary } from './shell-file';
import { analyseShell, parsedFile, type ScriptContext, type ScriptResult } from './script';
import { withoutTrailingComment } from '../text/trailing-comment';

/**
 * Makefiles (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`): each recipe line is a shell command of its own.
 *
 * - Recipe lines start with a tab (or the `.RECIPEPREFIX` character) after a rule line; `@`, `-` and `+` prefixes
 *   are make's, not the shell's. A line ending in `\` continues the command; make passes the backslash and the
 *   line break to the shell and drops one recipe prefix of the next line.
 * - Make expands the line before the shell sees it: `$$` is `$`; `$(VAR)` / `${VAR}` of a variable with one literal
 *   assignment in the file (`VAR = x`, `VAR := x`, `VAR ?= x`, `VAR ::= x`) is its value; `$(CURDIR)` and
 *   `$(shell pwd)` are the project, `$(HOME)` is home; every other reference (`$@`, `$(call ...)`, a variable set
 *   twice or from others) stays an unknown shell variable, so rules never fire on it.
 */
export function isMakefileName(file: string): boolean {
  const base = file.split(/[\\/]/).pop() ?? file;
  return /^(GNUmakefile|makefile|Makefile)$/.test(base) || /\.mk$/i.test(base);
}

const ASSIGN = /^(?:override\s+|export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)\s*(.*)$/;

export function parseMakefile(file: string, text: string, trees?: ShellTrees): ParsedFile {
  const index = new LineIndex(text);
  if (isBinary(text)) return { file, kind: 'docker-run', containers: [], suppressions: [], problems: [] };
  const lines: { start: number; end: number }[] = [];
  for (let l = 0; l < index.lineCount; l++) lines.push({ start: index.lineStart(l), end: index.lineEnd(l) });

  // Pass 1: variables with exactly one literal assignment.
  const values = new Map<string, string | null>();
  for (const { start, end } of lines) {
    const line = text.slice(start, end);
    if (line.startsWith('\t')) continue;
    const m = ASSIGN.exec(line);
    if (!m) continue;
    const [, name, op, raw] = m;
    const value = withoutTrailingComment(raw).trim();
    if (name === '.RECIPEPREFIX') continue;
    const literal = (op === '=' || op === ':=' || op === '::=' || op === ':::=' || op === '?=') && !/[$`\\]/.test(value);
    values.set(name, values.has(name) || !literal ? null : value);
  }

  // Pass 2: recipe lines (with their continuations) after a rule line.
  const ctx: ScriptContext = { file, index, trees };
  const results: ScriptResult[] = [];
  let inRule = false;
  // `.RECIPEPREFIX = >` applies from its line on.
  let prefix = '\t';
  for (let l = 0; l < lines.length; l++) {
    const { start, end } = lines[l];
    const line = text.slice(start, end);
    const setPrefix = /^\.RECIPEPREFIX\s*:?=\s*(.?)/.exec(line);
    if (setPrefix) {
      prefix = setPrefix[1] || '\t';
      inRule = false;
      continue;
    }
    if (line.startsWith(prefix) && inRule) {
      const cmd: MappedText = { text: '', offsets: [] };
      let from = start + prefix.length;
      let first = true;
      for (;;) {
        const lineEnd = lines[l].end;
        let i = from;
        if (first) {
          while (i < lineEnd && /[@+\- \t]/.test(text[i])) i++;
          first = false;
        }
        expand(text, i, lineEnd, values, cmd);
        if (!continues(text, lines[l].start, lineEnd) || l + 1 >= lines.length) break;
        cmd.text += '\n';
        cmd.offsets.push(lineEnd);
        l++;
        from = lines[l].start + (text.startsWith(prefix, lines[l].start) ? prefix.length : 0);
      }
      results.push(analyseShell(cmd, ctx));
      continue;
    }
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    // Conditionals between recipe lines keep the rule going.
    if (/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(line)) continue;
    // A rule line `target: prereqs` (not an assignment `X := y`) starts recipes; anything else ends them.
    inRule = /^[^\s=#][^=#]*?:(?!=)/.test(line) && !ASSIGN.test(line);
    // A rule line continued with `\` goes on below.
    while (continues(text, lines[l].start, lines[l].end) && l + 1 < lines.length) l++;
  }
  return parsedFile(file, text, index, results);
}

function continues(text: string, start: number, end: number): boolean {
  let n = 0;
  for (let k = end - 1; k >= start && text[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** Make's expansion of text[from, to) into `out`, each unit mapped to where it is written. */
function expand(text: string, from: number, to: number, values: Map<string, string | null>, out: MappedText): void {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c !== '$') {
      out.text += c;
      out.offsets.push(i);
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out.text += '$';
      out.offsets.push(i + 1);
      i++;
      continue;
    }
    let end: number;
    let body: string;
    if (next === '(' || next === '{') {
      const close = matching(text, i + 1, to);
      if (close < 0) {
        push(out, '${MAKE_REF}', i, to - 1);
        return;
      }
      end = close;
      body = text.slice(i + 2, close).trim();
    } else {
      end = i + 1; // `$@`, `$<`, `$X`
      body = next ?? '';
    }
    push(out, replacement(body, values), i, end);
    i = end;
  }
}

/** The shell text that stands for a make reference. */
function replacement(body: string, values: Map<string, string | null>): string {
  if (body === 'CURDIR' || /^shell\s+pwd$/.test(body)) return '${PWD}';
  if (body === 'HOME') return '${HOME}';
  const value = values.get(body);
  if (typeof value === 'string') return value;
  const name = body.replace(/[^A-Za-z0-9_]/g, '_') || 'MAKE_REF';
  return `\${${/^[A-Za-z_]/.test(name) ? name : `MAKE_${name}`}}`;
}

/** Index of the `)` / `}` closing the opening at `open`, or -1. */
function matching(text: string, open: number, to: number): number {
  const close = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (text[i] === text[open]) depth++;
    else if (text[i] === close && --depth === 0) return i;
  }
  return -1;
}

/**
 * Appends `value` for the reference written at [start, end]: its first and last units at the reference's ends, so
 * that a word's range covers the reference but no edit can rewrite characters inside it (`${X}` for `$(X)` maps
 * one to one: unknown values get no edits).
 */
function push(out: MappedText, value: string, start: number, end: number): void {
  const sameLength = value.startsWith('${') && value.length === end - start + 1;
  for (let k = 0; k < value.length; k++) {
    out.text += value[k];
    out.offsets.push(sameLength ? start + k : k === 0 ? start : k === value.length - 1 ? end : -1);
  }
}
