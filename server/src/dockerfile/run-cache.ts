import type { Run } from 'dockerfile-ast';
import type { BuildCommand, Range, ShellCommand, ShellWord, Source, TextEdit } from '../../../shared-rules/src/model';
import { buildCommand } from './run';
import type { LineIndex } from './text';

/**
 * BuildCommands of RUN instructions, by the instruction's text. An editor re-lints the whole file on every
 * keystroke while one instruction changed; walking a RUN's shell tree costs more than parsing the Dockerfile
 * around it. A BuildCommand depends only on the lines its RUN spans (it is built over a window of them, so its
 * ranges and edits close over those lines, not over the whole text), the escape character, the stage's shell,
 * the file name, and the line the RUN starts on. All but that line are in the key; a RUN that moved (lines
 * inserted or removed above it) gets the cached one with every range shifted by the lines it moved, which is
 * what building it again would give. Rules only read it.
 */
const cache = new Map<string, { line: number; command: BuildCommand }>();
const CACHE_SIZE = 4096;

export function cachedBuildCommand(run: Run, file: string, index: LineIndex, escape: string, posixShell: boolean): BuildCommand {
  const { start, end } = run.getRange();
  const window = index.window(start.line, end.line);
  const key = `${file}\u0000${escape}${posixShell ? 1 : 0}\u0000${start.character}:${end.line - start.line}:${end.character}\u0000${window.text}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // most recently used goes last
    if (entry.line !== start.line) entry = { line: start.line, command: shiftCommand(entry.command, start.line - entry.line) };
  } else {
    entry = { line: start.line, command: buildCommand(run, { file, index: window }, escape, posixShell) };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, entry);
  return entry.command;
}

/** For tests and benchmarks of the uncached path. */
export function clearBuildCommandCache(): void {
  cache.clear();
}

/** `command` as if its RUN were `lines` further down: a copy with every range and edit moved. */
function shiftCommand(command: BuildCommand, lines: number): BuildCommand {
  const range = (r: Range): Range => ({
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
  const source = (s: Source): Source => ({ file: s.file, range: range(s.range) });
  const edits = (e: TextEdit[] | undefined) => e?.map((t): TextEdit => ({ file: t.file, range: range(t.range), newText: t.newText }));
  const word = (w: ShellWord): ShellWord => {
    const out: ShellWord = { text: w.text, literal: w.literal, source: source(w.source) };
    const rangeOf = w.rangeOf;
    if (rangeOf)
      out.rangeOf = (from, to) => {
        const r = rangeOf.call(w, from, to);
        return r && range(r);
      };
    return out;
  };
  // Commands point at each other (a pipeline's members, a substitution's consumer): copy each once.
  const copies = new Map<ShellCommand, ShellCommand>();
  const pipelines = new Map<ShellCommand[], ShellCommand[]>();
  const copy = (c: ShellCommand): ShellCommand => {
    let out = copies.get(c);
    if (out) return out;
    out = { words: c.words.map(word), pipeline: [], pipelineIndex: c.pipelineIndex };
    copies.set(c, out);
    const removeWords = c.removeWords;
    if (removeWords) out.removeWords = (from, to) => edits(removeWords.call(c, from, to));
    let pipeline = pipelines.get(c.pipeline);
    if (!pipeline) {
      pipeline = [];
      pipelines.set(c.pipeline, pipeline);
      for (const member of c.pipeline) pipeline.push(copy(member));
    }
    out.pipeline = pipeline;
    if (c.substitution) out.substitution = { kind: c.substitution.kind, parent: copy(c.substitution.parent) };
    return out;
  };
  const shifted: BuildCommand = {
    source: source(command.source),
    script: command.script,
    commands: command.commands.map(copy),
    execForm: command.execForm,
  };
  if (command.limit) shifted.limit = command.limit;
  return shifted;
}
