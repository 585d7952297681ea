import type {
  BuildCommand,
  ContainerSpec,
  LineSpan,
  ParseProblem,
  ParsedFile,
  Range,
  ShellCommand,
  Source,
} from '../../../shared-rules/src/model';
import { noSettings } from '../../../shared-rules/src/model';
import { parseShellScript } from '../shell/commands';
import type { LineIndex, MappedText } from '../shell/text';
import { extendSuppressions, scanSuppressions } from '../suppressions';
import { containerOfCommand, type CommandContext } from './container';
import { pushAll } from '../../../shared-rules/src/bounds';

/**
 * The analysis every source shares: a shell text (a whole script, a recipe line, a CI step; each unit of the
 * text keeps its file offset) → its `docker run` containers and its own commands (for the RUN rules).
 *
 * The text is parsed in pieces of whole logical lines (lines that continue with `\` stay together). A piece
 * ends after a line whose text hashes to a cut (about one line in CUT_EVERY, decided by the line's own text, so an
 * edit moves no cut but its own line's) or at PIECE characters. The parser keeps trees by text, so typing in
 * a long script re-parses only the edited piece. A piece that does not parse alone (it ends inside an `if`
 * block, a function, a heredoc, a quoted string) is joined to the next one until it parses; only past MAX_WHOLE
 * characters, or at the end of the text (an unterminated quote or heredoc), are its lines parsed one by one, so
 * that the rest of a broken script is still read.
 *
 * Bounds: a logical line longer than MAX_LINE is not parsed; at most MAX_TOTAL characters are parsed per file.
 * What a bound leaves out is reported once as a `file-too-large` problem.
 */
const CUT_EVERY = 16;
const PIECE = 8 * 1024;
const MAX_WHOLE = 128 * 1024;
const MAX_LINE = 64 * 1024;
const MAX_TOTAL = 2 * 1024 * 1024;

export interface ScriptResult {
  containers: ContainerSpec[];
  commands: BuildCommand[];
  problems: ParseProblem[];
  /**
   * The lines of the YAML scalar the text was read from, when a comment line inside it would be part of the text
   * (a `>` or plain scalar folds it into the command): an ignore comment goes above the scalar.
   */
  enclosing?: LineSpan;
}

export interface ScriptContext extends CommandContext {
  /** Characters parsed so far in this file (shared by the file's pieces, for MAX_TOTAL). */
  budget?: { used: number };
}

/** Parses a shell text and maps what it finds onto the model. Never throws. */
export function analyseShell(src: MappedText, ctx: ScriptContext): ScriptResult {
  const result: ScriptResult = { containers: [], commands: [], problems: [] };
  if (src.text.trim() === '') return result;
  ctx.budget ??= { used: 0 };
  collect(parsePieces(src, ctx, result), ctx, result);
  return result;
}

interface Line {
  start: number;
  end: number;
  /** A piece may end after this line. */
  cut: boolean;
}

/** Logical lines (a line ending in a backslash continues the command) and where pieces may end. */
function logicalLines(src: MappedText): Line[] {
  const out: Line[] = [];
  const t = src.text;
  let start = 0;
  let i = 0;
  for (;;) {
    const nl = t.indexOf('\n', i);
    const end = nl < 0 ? t.length : nl;
    let back = 0;
    for (let k = end - 1; k >= i && t[k] === '\\'; k--) back++;
    if (nl < 0 || back % 2 === 0) {
      const stop = nl < 0 ? t.length : nl + 1;
      if (stop > start) out.push({ start, end: stop, cut: hash(t, i, end) % CUT_EVERY === 0 });
      start = stop;
    }
    if (nl < 0) break;
    i = nl + 1;
  }
  return out;
}

/** FNV-1a of text[from, to): the same line text always decides the same way. */
function hash(t: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function slice(src: MappedText, start: number, end: number): MappedText {
  return { text: src.text.slice(start, end), offsets: src.offsets.slice(start, end) };
}

function parsePieces(src: MappedText, ctx: ScriptContext, result: ScriptResult): ShellCommand[] {
  const budget = ctx.budget!;
  const shellCtx = { file: ctx.file, index: ctx.index, trees: ctx.trees };
  const lines = logicalLines(src);
  const out: ShellCommand[] = [];
  let tooLong = 0;
  let skipped = 0;
  /** The end (exclusive line index) of the piece that starts at line `from`. */
  const pieceEnd = (from: number): number => {
    let j = from;
    let size = 0;
    while (j < lines.length) {
      size += lines[j].end - lines[j].start;
      j++;
      // A line too long to parse ends the piece before it.
      if (lines[j - 1].cut || size >= PIECE || (j < lines.length && lines[j].end - lines[j].start > MAX_LINE)) break;
    }
    return j;
  };
  const parse = (start: number, end: number): ShellCommand[] | undefined => {
    const length = end - start;
    if (budget.used + length > MAX_TOTAL) return undefined;
    budget.used += length;
    const piece = slice(src, start, end);
    if (piece.text.trim() === '') return [];
    const parsed = parseShellScript(piece, shellCtx);
    return Array.isArray(parsed) ? parsed : undefined;
  };
  let i = 0;
  while (i < lines.length) {
    if (budget.used >= MAX_TOTAL) {
      skipped += src.text.length - lines[i].start;
      break;
    }
    if (lines[i].end - lines[i].start > MAX_LINE) {
      tooLong++;
      i++;
      continue;
    }
    let j = pieceEnd(i);
    let parsed = parse(lines[i].start, lines[j - 1].end);
    // Cut inside a construct: join the next piece and try again.
    while (!parsed && j < lines.length && lines[j - 1].end - lines[i].start < MAX_WHOLE && lines[j].end - lines[j].start <= MAX_LINE) {
      j = pieceEnd(j);
      parsed = parse(lines[i].start, lines[j - 1].end);
    }
    if (parsed) {
      pushAll(out, parsed);
      i = j;
      continue;
    }
    // Broken from here (or too long a construct): this line alone, then go on with the next.
    const alone = lines[i].end - lines[i].start <= MAX_LINE ? parse(lines[i].start, lines[i].end) : undefined;
    if (alone) pushAll(out, alone);
    i++;
  }
  const at = firstSource(src, ctx);
  if (tooLong > 0) {
    result.problems.push({
      rule: 'file-too-large',
      message: `${tooLong} command line${tooLong === 1 ? ' is' : 's are'} longer than ${MAX_LINE / 1024} KB and ${tooLong === 1 ? 'was' : 'were'} not analysed`,
      source: at,
    });
  }
  if (skipped > 0) {
    result.problems.push({
      rule: 'file-too-large',
      message: `Only the first ${MAX_TOTAL / 1024 / 1024} MB of shell commands in this file were analysed; ${skipped} characters were not`,
      source: at,
    });
  }
  return out;
}

function firstSource(src: MappedText, ctx: CommandContext): Source {
  const offset = src.offsets.find((o) => o >= 0) ?? 0;
  const p = ctx.index.positionAt(offset);
  return { file: ctx.file, range: { start: p, end: p } };
}

/** Containers of the invocations, and the commands grouped by pipeline (substitutions with their consumer). */
function collect(commands: ShellCommand[], ctx: CommandContext, result: ScriptResult): void {
  const groups = new Map<ShellCommand[], ShellCommand[]>();
  for (const cmd of commands) {
    let root = cmd;
    for (let hops = 0; root.substitution && hops < 64; hops++) root = root.substitution.parent;
    const key = root.pipeline;
    const group = groups.get(key);
    if (group) group.push(cmd);
    else groups.set(key, [cmd]);
    try {
      const c = containerOfCommand(cmd, ctx);
      if (c) result.containers.push(c);
    } catch {
      // A command the mapping cannot read is skipped, never the file.
    }
  }
  for (const [pipeline, group] of groups) {
    const first = pipeline[0]?.words[0];
    const lastCmd = pipeline[pipeline.length - 1];
    const last = lastCmd?.words[lastCmd.words.length - 1];
    if (!first || !last) continue;
    const source: Source = { file: ctx.file, range: { start: first.source.range.start, end: last.source.range.end } };
    result.commands.push({
      source,
      script: group.map((c) => c.words.map((w) => w.text).join(' ')).join('; '),
      commands: group,
      execForm: false,
    });
  }
}

/** The pseudo-container that carries a file's own commands (origin `script`) for the RUN rules. */
export function scriptUnit(file: string, index: LineIndex, commands: BuildCommand[]): ContainerSpec | undefined {
  if (commands.length === 0) return undefined;
  const end = index.positionAt(index.text.length);
  const start = { line: 0, character: 0 };
  return {
    origin: 'script',
    name: file.split(/[\\/]/).pop() ?? file,
    file,
    declaration: { file, range: { start, end: start } },
    extent: { start, end },
    scripts: commands,
    ...noSettings(),
  };
}

/** A ParsedFile from the analyses of a file's shell texts; suppressions cover whole commands. */
export function parsedFile(file: string, text: string, index: LineIndex, results: ScriptResult[], extra: ContainerSpec[] = []): ParsedFile {
  const containers = [...extra, ...results.flatMap((r) => r.containers)];
  const commands = results.flatMap((r) => r.commands);
  const unit = scriptUnit(file, index, commands);
  if (unit) containers.push(unit);
  const span = (r: Range): LineSpan => ({ first: r.start.line, last: r.end.line });
  // Shell command lines; a CI file's service container (`extra`) is a YAML block, where a comment line may go anywhere.
  const commandSpans = [
    ...results.flatMap((r) => r.containers).map((c) => span(c.extent)),
    ...commands.map((c) => span(c.source.range)),
    ...results.flatMap((r) => (r.enclosing && (r.containers.length > 0 || r.commands.length > 0) ? [r.enclosing] : [])),
  ].filter((s) => s.last > s.first);
  let suppressions = [] as ParsedFile['suppressions'];
  try {
    suppressions = scanSuppressions(file, text);
    extendSuppressions(suppressions, [...extra.filter((c) => c.origin === 'docker-run').map((c) => span(c.extent)), ...commandSpans]);
  } catch {
    // Suppressions are a convenience; a failure must not hide the findings.
  }
  const parsed: ParsedFile = { file, kind: 'docker-run', containers, suppressions, problems: results.flatMap((r) => r.problems) };
  if (commandSpans.length > 0) parsed.commandSpans = commandSpans;
  return parsed;
}

/** Text → MappedText with every unit at its own offset, `\r` of CRLF line ends left out. */
export function mapWhole(text: string, from = 0, to = text.length): MappedText {
  const out: MappedText = { text: '', offsets: [] };
  let piece = '';
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '\r' && text[i + 1] === '\n') continue;
    piece += ch;
    out.offsets.push(i);
    if (piece.length >= 4096) {
      out.text += piece;
      piece = '';
    }
  }
  out.text += piece;
  return out;
}
