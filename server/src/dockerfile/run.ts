import type { Instruction, JSONArgument, Run } from 'dockerfile-ast';
import type { BuildCommand, Range } from '../../../shared-rules/src/model';
import { execFormCommands, MAX_DEPTH, parseShellScript, TOO_DEEP, type ShellContext, type WordInfo } from '../shell/commands';
import { compactLongWords, type LineIndex, type MappedText } from '../shell/text';

/**
 * Longer RUN scripts are not parsed (the parser needs 1-3 µs per character; never stall the editor): such a RUN
 * gets an `analysis-limit` finding, never a silent pass.
 */
export const MAX_SCRIPT = 128 * 1024;

/**
 * A RUN instruction as a BuildCommand. Shell form: the script after the flags, with line continuations and
 * comment lines inside them removed (as Docker does), heredoc bodies kept as written; every character keeps
 * its file offset so words map back to the Dockerfile. Exec form: the JSON strings are the words.
 */
export function buildCommand(run: Run, ctx: ShellContext, escape: string, posixShell: boolean): BuildCommand {
  const source = { file: ctx.file, range: run.getRange() };
  const json = run.getJSONStrings();
  if (json.length > 0) {
    const words = json.map((j) => jsonWord(j, ctx.index));
    const script = words.map((w) => w.text).join(' ');
    const commands = execFormCommands(words, ctx);
    if (commands !== TOO_DEEP) return { source, script, commands, execForm: true };
    return { source, script, commands: [], execForm: true, limit: { kind: 'too-deep', size: script.length, max: MAX_DEPTH } };
  }
  const script = shellScript(run, ctx.index, escape);
  const compact = compactLongWords(script);
  const command: BuildCommand = { source, script: script.text, commands: [], execForm: false };
  if (!posixShell || compact.text.trim() === '') return command;
  if (compact.text.length > MAX_SCRIPT) {
    command.limit = { kind: 'too-long', size: compact.text.length, max: MAX_SCRIPT };
    return command;
  }
  const parsed = parseShellScript(compact, ctx);
  if (parsed === TOO_DEEP) command.limit = { kind: 'too-deep', size: compact.text.length, max: MAX_DEPTH };
  else if (parsed) command.commands = parsed;
  return command;
}

/** The shell-form text after the instruction's flags, continuations joined. */
export function shellScript(ins: Instruction & { getFlags?(): { getRange(): Range }[] }, index: LineIndex, escape: string): MappedText {
  const out: MappedText = { text: '', offsets: [] };
  const end = index.offsetAt(ins.getRange().end);
  const flags = ins.getFlags?.() ?? [];
  let start: number;
  if (flags.length === 0) {
    // getArgumentsRange() would scan all the arguments again (dockerfile-ast keeps none): find the first one.
    const first = firstArgumentOffset(index.text, index.offsetAt(ins.getInstructionRange().end), end, escape);
    if (first === undefined) return out;
    start = first;
  } else {
    const argsRange = ins.getArgumentsRange();
    if (!argsRange) return out;
    start = Math.max(index.offsetAt(argsRange.start), index.offsetAt(flags[flags.length - 1].getRange().end));
  }
  const firstLine = index.positionAt(start).line;
  const lastLine = index.positionAt(end).line;
  const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);

  let line = firstLine;
  let joining = true;
  for (; line <= lastLine && joining; line++) {
    const from = line === firstLine ? start : index.lineStart(line);
    const to = Math.min(index.lineEnd(line), end);
    const content = index.text.slice(from, to);
    // Docker drops comment lines and empty lines inside a continued instruction.
    if (line !== firstLine && (/^\s*#/.test(content) || content.trim() === '')) continue;
    const m = continuation.exec(content);
    append(out, index.text, from, m ? from + m.index : to);
    joining = !!m;
  }
  // What follows the first logical line belongs to heredocs: kept line by line, as written.
  for (; line <= lastLine; line++) {
    out.text += '\n';
    out.offsets.push(-1);
    append(out, index.text, index.lineStart(line), Math.min(index.lineEnd(line), end));
  }
  return out;
}

/**
 * Where dockerfile-ast's first argument of an instruction starts (the keyword ends at `from`, the instruction at
 * `to`): the start of `Instruction.getRawArguments()[0]`, found by the same scan stopped at the first argument.
 * Undefined when the instruction has no argument.
 */
export function firstArgumentOffset(text: string, from: number, to: number, escape: string): number | undefined {
  const at = (i: number) => (i < to ? text[i] : '');
  let start = false;
  let comment = false;
  let escaping = false;
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (escaping && (char === '\r' || char === '\n') && comment) {
        comment = false;
        start = true;
      }
      continue;
    }
    if (char === escape) {
      const next = at(i + 1);
      if (next === ' ' || next === '\t') {
        whitespace: for (let j = i + 2; j < to; j++) {
          switch (text[j]) {
            case ' ':
            case '\t':
              continue;
            case '\r':
              j++;
            // falls through
            case '\n':
              comment = false;
              escaping = true;
              start = true;
              i = j;
              break whitespace;
            default:
              i = j - 1;
              break whitespace;
          }
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        i++;
      } else if (next === '') {
        return undefined;
      } else {
        return i;
      }
      continue;
    }
    if (!comment) {
      if (start && char === '#') comment = true;
      else return i;
      start = false;
    }
  }
  return undefined;
}

function append(out: MappedText, text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    out.text += text[i];
    out.offsets.push(i);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A JSON string of an exec-form instruction, unescaped, each unit mapped to where it is written. */
export function jsonWord(arg: JSONArgument, index: LineIndex): WordInfo {
  const range = arg.getJSONRange();
  const from = index.offsetAt(range.start);
  const to = index.offsetAt(range.end);
  const t = index.text;
  const info: WordInfo = {
    text: '',
    offsets: [],
    literal: true,
    hasSubstitution: false,
    start: index.offsetAt(arg.getRange().start),
    end: index.offsetAt(arg.getRange().end),
  };
  const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  for (let i = from; i < to; i++) {
    if (t[i] === '\\' && i + 1 < to) {
      const e = t[i + 1];
      if (e in simple) {
        info.text += simple[e];
        info.offsets.push(-1);
        i++;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
        info.text += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
        info.offsets.push(-1);
        i += 5;
        continue;
      }
    }
    info.text += t[i];
    info.offsets.push(i);
  }
  return info;
}
