import type { ShellCommand } from '../../../shared-rules/src/model';
import { parseShellCommands } from './commands';
import { shiftLines } from '../../../shared-rules/src/shift';
import { compactLongWords, LineIndex, type MappedText } from './text';

/**
 * Whole shell scripts (deploy scripts, Makefile recipe lines, CI `run:` steps, lifecycle commands) as simple
 * commands whose words carry their ranges in the file: the same walker and `ShellCommand` model as `RUN`.
 *
 * A script is parsed in chunks of whole lines, each parsed on its own: a chunk is accepted only when it parses
 * alone and does not end inside something the next line would continue (an open quote, heredoc, `if`,
 * `a &&`, a function header — mvdan-sh rejects all of these at the end of its input; a chunk never ends after a
 * line continued with `\`). Parsing starts at the top of the file, so every accepted chunk starts where a
 * statement starts, and its commands are exactly those of the whole file's parse there. Chunks end at lines
 * chosen by their own text (an unindented line after a blank line, or one in eight unindented lines by a hash of
 * the line), so after an edit the chunks before it are kept, the ones from the edited chunk on are parsed again
 * until a chunk ends where an unchanged old chunk starts, and the rest are kept (moved by the lines the edit
 * added or removed): typing in a 2,000-line script parses a few dozen lines.
 *
 * Failures never guess: at a syntax error (or a chunk over the size limit) parsing stops, the commands before
 * it are kept and `stopped` says where — text after an unterminated quote is not read as commands.
 */

export interface ShellScriptFile {
  /** Commands in execution order, with `$(...)`, `sh -c '...'` and heredoc scripts as for RUN. */
  commands: ShellCommand[];
  /** Set when analysis stopped before the end of the file: nothing from `line` on was read. */
  stopped?: ScriptStop;
}

export interface ScriptStop {
  reason: 'syntax-error' | 'too-long' | 'binary';
  /** 0-based line of the file where the unread part starts. */
  line: number;
  /** The parser's message, or what limit was hit. */
  message: string;
}

export interface ScriptOptions {
  /** False: parse from scratch, neither using nor keeping what an earlier parse of the file found. */
  cache?: boolean;
}

/** A chunk longer than this (after giant words are shortened) is not parsed: as for a RUN script, ×2. */
export const MAX_CHUNK = 128 * 1024;
/** One unindented line in this many (by a hash of its text) may end a chunk, in scripts without blank lines. */
const HASH_EVERY = 8;
/** Parsing a file never reads more than this many times its length (failed chunks are parsed again, longer). */
const BUDGET = 4;

interface Chunk {
  /** Offsets of the chunk's whole lines in the file: [start, end), end at the next chunk's first line. */
  start: number;
  end: number;
  /** First line and number of lines. */
  line: number;
  lines: number;
  commands: ShellCommand[];
  /** The commands as parsed, and the line they were parsed at (each move is shifted from these, once). */
  parsed: ShellCommand[];
  parsedLine: number;
}

interface Parse {
  text: string;
  lineCount: number;
  chunks: Chunk[];
  stopped?: ScriptStop;
  commands: ShellCommand[];
}

const CACHE_FILES = 64;

/**
 * The last parse of each file, for the next version of its text (an editor re-lints on every keystroke). One per
 * analysis (the front end that parses scripts holds it).
 */
export class ShellScripts {
  private readonly cache = new Map<string, Parse>();

  /** Parses a whole shell script. Never throws; ranges are in `file`'s UTF-16 positions. */
  parse(file: string, text: string, options: ScriptOptions = {}): ShellScriptFile {
    const useCache = options.cache !== false;
    const previous = useCache ? this.cache.get(file) : undefined;
    const parse = previous && previous.text === text ? previous : parseOrStop(file, text, previous);
    if (useCache) {
      this.cache.delete(file);
      if (this.cache.size >= CACHE_FILES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(file, parse);
    }
    return parse.stopped ? { commands: parse.commands, stopped: parse.stopped } : { commands: parse.commands };
  }
}

/** Parses a whole shell script with nothing kept from an earlier parse. */
export function parseShellScriptFile(file: string, text: string): ShellScriptFile {
  return new ShellScripts().parse(file, text, { cache: false });
}

function parseOrStop(file: string, text: string, previous: Parse | undefined): Parse {
  try {
    return parseScript(file, text, previous);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { text, lineCount: 0, chunks: [], commands: [], stopped: { reason: 'syntax-error', line: 0, message } };
  }
}

function parseScript(file: string, text: string, previous: Parse | undefined): Parse {
  // A NUL byte: a binary file (bash refuses to run one), not a script to read.
  if (text.includes('\u0000')) {
    return { text, lineCount: 0, chunks: [], commands: [], stopped: { reason: 'binary', line: 0, message: 'binary file' } };
  }
  const index = new LineIndex(text);
  const lineCount = index.lineCount;
  const ends = chunkEnds(index);
  const chunks: Chunk[] = [];
  let line = 0;
  let stopped: ScriptStop | undefined;

  // Unchanged chunks before the edit, and where unchanged old chunks start after it.
  let tail: Map<number, number> | undefined;
  let charDelta = 0;
  let lineDelta = 0;
  if (previous) {
    const prefix = commonPrefix(previous.text, text);
    for (const c of previous.chunks) {
      // Its text is unchanged and still ends with a line break (an edit that extends its last line changes it).
      if (c.end > prefix || (c.end === previous.text.length && c.end !== text.length)) break;
      chunks.push(c);
      line = c.line + c.lines;
    }
    const suffix = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - prefix);
    charDelta = text.length - previous.text.length;
    lineDelta = lineCount - previous.lineCount;
    tail = new Map();
    previous.chunks.forEach((c, i) => {
      const at = c.start + charDelta;
      // From `c` on the old text is unchanged, and `c` still starts a line.
      if (c.start >= previous.text.length - suffix && at > 0 && isLineBreak(text.charCodeAt(at - 1))) tail!.set(at, i);
    });
  }

  const budget = { left: BUDGET * text.length + MAX_CHUNK };
  while (line < lineCount) {
    const start = index.lineStart(line);
    const reused = tail?.get(start);
    // `line` starts a statement (the file's start, or the end of an accepted chunk), and from here on the text
    // is that of an old chunk that started a statement: the old chunks from there are what parsing would give.
    if (reused !== undefined) {
      for (const c of previous!.chunks.slice(reused)) chunks.push(moved(file, c, charDelta, lineDelta));
      stopped = previous!.stopped && { ...previous!.stopped, line: previous!.stopped.line + lineDelta };
      break;
    }
    const next = nextChunk(file, index, ends, line, budget);
    if ('stop' in next) {
      stopped = next.stop;
      break;
    }
    chunks.push(next.chunk);
    line = next.chunk.line + next.chunk.lines;
  }
  const commands: ShellCommand[] = [];
  for (const c of chunks) for (const command of c.commands) commands.push(command);
  return { text, lineCount, chunks, stopped, commands };
}

/** The chunk that starts at `line`: its first possible end, then twice as many possible ends each time it fails. */
function nextChunk(
  file: string,
  index: LineIndex,
  ends: number[],
  line: number,
  budget: { left: number },
): { chunk: Chunk } | { stop: ScriptStop } {
  const lineCount = index.lineCount;
  const first = upperBound(ends, line);
  let error: { line?: number; message: string } = { message: 'shell syntax error' };
  const attempt = (endLine: number): { chunk: Chunk } | { stop: ScriptStop } | undefined => {
    const src = compactLongWords(linesText(index, line, endLine));
    if (src.text.length > MAX_CHUNK) {
      return { stop: { reason: 'too-long', line, message: `more than ${MAX_CHUNK / 1024} KB of shell to parse at once` } };
    }
    budget.left -= src.text.length;
    if (budget.left < 0) return { stop: stopAt(line, error) };
    const parsed = parseShellCommands(src, { file, index: index.window(line, endLine - 1) });
    if (!parsed.commands) {
      error = parsed.error;
      return undefined;
    }
    const end = endLine < lineCount ? index.lineStart(endLine) : index.text.length;
    const chunk: Chunk = {
      start: index.lineStart(line),
      end,
      line,
      lines: endLine - line,
      commands: parsed.commands,
      parsed: parsed.commands,
      parsedLine: line,
    };
    return { chunk };
  };
  // The next possible ends one by one, then twice as many each time (a function body spans many).
  for (let step = 1; ; step = step < 4 ? step + 1 : step * 2) {
    const k = first + step - 1;
    const endLine = k < ends.length ? ends[k] : lineCount;
    const result = attempt(endLine);
    if (result) return result;
    if (endLine === lineCount) break;
  }
  // Not even the rest of the file parses: once, try to end before the line the parser names, so that the
  // commands before an error are kept.
  if (error.line !== undefined) {
    const before = upperBound(ends, line + error.line - 1) - 1;
    if (before >= first) {
      const result = attempt(ends[before]);
      if (result) return result;
    }
  }
  return { stop: stopAt(line, error) };
}

function stopAt(line: number, error: { line?: number; message: string }): ScriptStop {
  return { reason: 'syntax-error', line, message: error.message };
}

/** `c` with its commands at `lines` further down (shifted from the commands as parsed, so shifts never pile up). */
function moved(file: string, c: Chunk, chars: number, lines: number): Chunk {
  if (chars === 0 && lines === 0) return c;
  const line = c.line + lines;
  const commands = shiftLines(c.parsed, { file, fromLine: 0, delta: line - c.parsedLine });
  return { ...c, start: c.start + chars, end: c.end + chars, line, commands };
}

/**
 * Lines where a chunk may end (the first line of the next one), ascending: an unindented, non-blank line that
 * does not continue the line before (`\`), after a blank line or picked by a hash of its text.
 */
function chunkEnds(index: LineIndex): number[] {
  const text = index.text;
  const out: number[] = [];
  let previousBlank = true;
  let previousContinues = false;
  // The last line of the heredoc bodies seen so far: a chunk that ends in a body fails, so none is tried there.
  let heredocUntil = -1;
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    let first = start;
    while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const blank = first === end;
    const inHeredoc = line <= heredocUntil;
    if (
      line > 0 &&
      !inHeredoc &&
      !blank &&
      first === start &&
      !previousContinues &&
      (previousBlank || hash(text, start, end) % HASH_EVERY === 0)
    ) {
      out.push(line);
    }
    if (!inHeredoc && text.charCodeAt(first) !== 35 /* # */ && text.slice(first, end).includes('<<')) {
      heredocUntil = Math.max(heredocUntil, heredocEnd(index, line, text.slice(first, end)));
    }
    previousBlank = blank;
    let backslashes = 0;
    for (let i = end - 1; i >= start && text.charCodeAt(i) === 92; i--) backslashes++;
    previousContinues = backslashes % 2 === 1;
  }
  return out;
}

/**
 * The line of the last delimiter of the heredocs that `content` (line `line`) opens, found by a plain scan
 * (a guess: only where chunks are tried depends on it); -1 when it opens none or a delimiter is not found.
 */
function heredocEnd(index: LineIndex, line: number, content: string): number {
  let at = line;
  for (const m of content.matchAll(/(?<!<)<<(-?)[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
    const dash = m[1] === '-';
    let found = -1;
    for (let l = at + 1; l < index.lineCount; l++) {
      const body = index.lineText(l);
      if ((dash ? body.replace(/^\t+/, '') : body) === m[3]) {
        found = l;
        break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  return at === line ? -1 : at;
}

/** FNV-1a of text[start, end). */
function hash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Lines [from, to) as the script the shell reads: `\r\n` and `\r` become `\n`; offsets into the window of those lines. */
function linesText(index: LineIndex, from: number, to: number): MappedText {
  const base = index.lineStart(from);
  const end = to < index.lineCount ? index.lineEnd(to - 1) : index.text.length;
  const text = index.text;
  const offsets: number[] = [];
  let out = '';
  let run = base;
  for (let i = base; i < end; i++) {
    if (text.charCodeAt(i) !== 13) continue;
    out += text.slice(run, i);
    for (let j = run; j < i; j++) offsets.push(j - base);
    if (text.charCodeAt(i + 1) === 10) {
      run = i + 1; // the \n that follows stands for both
    } else {
      out += '\n';
      offsets.push(i - base);
      run = i + 1;
    }
  }
  out += text.slice(run, end);
  for (let j = run; j < end; j++) offsets.push(j - base);
  return { text: out, offsets };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** First index in the ascending `list` whose value is greater than `value`. */
function upperBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
