import type { BuildCommand, ContainerSpec, ParseProblem, ParsedFile, ShellCommand, Source } from '../../../shared-rules/src/model';
import { parseShellScript } from '../dockerfile/shell';
import type { LineIndex, MappedText } from '../dockerfile/text';
import { extendSuppressions, scanSuppressions } from '../suppressions';
import { containerOfCommand, type CommandContext } from './container';

/**
 * The analysis every source shares: a shell text (a whole script, a recipe line, a CI step; each unit of the
 * text keeps its file offset) → its `docker run` containers and its own commands (for the RUN rules).
 *
 * Bounds: a text up to MAX_WHOLE is parsed in one piece. A longer one is parsed in pieces of about PIECE
 * characters cut at lines that do not continue (a piece that does not parse alone is joined to the next, up
 * to MAX_JOIN pieces, else skipped); a logical line longer than MAX_LINE is not parsed; at most MAX_TOTAL
 * characters are parsed per file. What a bound leaves out is reported once as a `file-too-large` problem.
 */
const MAX_WHOLE = 128 * 1024;
const PIECE = 16 * 1024;
const MAX_JOIN = 4;
const MAX_LINE = 64 * 1024;
const MAX_TOTAL = 2 * 1024 * 1024;

export interface ScriptResult {
  containers: ContainerSpec[];
  commands: BuildCommand[];
  problems: ParseProblem[];
}

export interface ScriptContext extends CommandContext {
  /** Characters parsed so far in this file (shared by the file's pieces, for MAX_TOTAL). */
  budget?: { used: number };
}

/** Parses a shell text and maps what it finds onto the model. Never throws. */
export function analyseShell(src: MappedText, ctx: ScriptContext): ScriptResult {
  const result: ScriptResult = { containers: [], commands: [], problems: [] };
  if (src.text.trim() === '') return result;
  const budget = (ctx.budget ??= { used: 0 });
  const shellCtx = { file: ctx.file, index: ctx.index };
  let commands: ShellCommand[];
  if (src.text.length <= MAX_WHOLE && budget.used + src.text.length <= MAX_TOTAL) {
    budget.used += src.text.length;
    const parsed = parseShellScript(src, shellCtx);
    commands = parsed ?? parsePieces(src, ctx, result, true);
  } else {
    commands = parsePieces(src, ctx, result, false);
  }
  collect(commands, ctx, result);
  return result;
}

/** Lines ending in a backslash continue the command. */
function logicalLines(src: MappedText): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let i = 0;
  const t = src.text;
  while (i <= t.length) {
    const nl = t.indexOf('\n', i);
    const end = nl < 0 ? t.length : nl;
    let back = 0;
    for (let k = end - 1; k >= i && t[k] === '\\'; k--) back++;
    if (nl < 0 || back % 2 === 0) {
      out.push({ start, end: nl < 0 ? t.length : nl + 1 });
      start = nl + 1;
    }
    if (nl < 0) break;
    i = nl + 1;
  }
  return out.filter((l) => l.end > l.start);
}

function slice(src: MappedText, start: number, end: number): MappedText {
  return { text: src.text.slice(start, end), offsets: src.offsets.slice(start, end) };
}

/**
 * Parses a text in pieces of whole logical lines. `retry`: the whole text already failed to parse (an
 * unterminated quote, a construct the parser does not know): pieces are single logical lines, so the rest
 * of the script is still read.
 */
function parsePieces(src: MappedText, ctx: ScriptContext, result: ScriptResult, retry: boolean): ShellCommand[] {
  const budget = ctx.budget!;
  const lines = logicalLines(src);
  const out: ShellCommand[] = [];
  let skipped = 0;
  let tooLong = 0;
  const shellCtx = { file: ctx.file, index: ctx.index };
  let i = 0;
  while (i < lines.length) {
    // One piece: whole lines up to PIECE characters (one line when retrying).
    let j = i;
    let size = 0;
    do {
      size += lines[j].end - lines[j].start;
      j++;
    } while (!retry && j < lines.length && size + (lines[j].end - lines[j].start) <= PIECE);
    let parsed: ShellCommand[] | undefined;
    let joins = 0;
    for (;;) {
      const start = lines[i].start;
      const end = lines[j - 1].end;
      const length = end - start;
      if (length > MAX_LINE && j - i === 1) {
        tooLong++;
        break;
      }
      if (budget.used + length > MAX_TOTAL) break;
      budget.used += length;
      const piece = slice(src, start, end);
      if (piece.text.trim() === '') {
        parsed = [];
        break;
      }
      parsed = parseShellScript(piece, shellCtx);
      if (parsed || retry || joins >= MAX_JOIN || j >= lines.length) break;
      // Cut inside a construct (an if block, a heredoc): join the next piece and try again.
      joins++;
      let more = 0;
      while (j < lines.length && more < PIECE) more += lines[j].end - lines[j++].start;
    }
    if (parsed) out.push(...parsed);
    else skipped += lines.slice(i, j).reduce((n, l) => n + l.end - l.start, 0);
    i = j;
    if (budget.used >= MAX_TOTAL && i < lines.length) {
      skipped += lines.slice(i).reduce((n, l) => n + l.end - l.start, 0);
      break;
    }
  }
  const at = firstSource(src, ctx);
  if (tooLong > 0) {
    result.problems.push({
      rule: 'file-too-large',
      message: `${tooLong} command line${tooLong === 1 ? ' is' : 's are'} longer than ${MAX_LINE / 1024} KB and ${tooLong === 1 ? 'was' : 'were'} not analysed`,
      source: at,
    });
  }
  if (!retry && skipped > 0 && budget.used >= MAX_TOTAL) {
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
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    devices: [],
    mounts: [],
    ports: [],
    limits: {},
    environment: [],
    dependsOn: [],
  };
}

/** A ParsedFile from the analyses of a file's shell texts; suppressions cover whole commands. */
export function parsedFile(file: string, text: string, index: LineIndex, results: ScriptResult[], extra: ContainerSpec[] = []): ParsedFile {
  const containers = [...extra, ...results.flatMap((r) => r.containers)];
  const commands = results.flatMap((r) => r.commands);
  const unit = scriptUnit(file, index, commands);
  if (unit) containers.push(unit);
  let suppressions = [] as ParsedFile['suppressions'];
  try {
    suppressions = scanSuppressions(file, text);
    const spans = [...containers.filter((c) => c.origin === 'docker-run').map((c) => c.extent), ...commands.map((c) => c.source.range)].map(
      (r) => ({ first: r.start.line, last: r.end.line }),
    );
    extendSuppressions(suppressions, spans);
  } catch {
    // Suppressions are a convenience; a failure must not hide the findings.
  }
  return { file, kind: 'docker-run', containers, suppressions, problems: results.flatMap((r) => r.problems) };
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
