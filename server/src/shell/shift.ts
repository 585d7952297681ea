import type { Range, ShellCommand, ShellWord, Source, TextEdit } from '../../../shared-rules/src/model';

/**
 * Commands as if their text were `lines` further down the file: copies with every range and edit moved (what
 * parsing the same text there would give). Commands point at each other (a pipeline's members, a substitution's
 * consumer): each is copied once and the copies point at each other. Rules only read commands.
 */
export function shiftCommands(commands: ShellCommand[], lines: number): ShellCommand[] {
  if (lines === 0) return commands;
  const range = (r: Range): Range => shiftRange(r, lines);
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
      pipeline.push(...c.pipeline.map(copy));
    }
    out.pipeline = pipeline;
    if (c.substitution) out.substitution = { kind: c.substitution.kind, parent: copy(c.substitution.parent) };
    return out;
  };
  return commands.map(copy);
}

export function shiftRange(r: Range, lines: number): Range {
  return {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  };
}
