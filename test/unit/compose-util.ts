import assert from 'node:assert/strict';
import type { Range, TextEdit } from '../../shared-rules/src/model';
import { parseCompose } from '../../server/src/compose/parse';
import type { ParsedFile } from '../../shared-rules/src/model';

export function parse(text: string, env: Record<string, string> = {}, file = 'compose.yml'): ParsedFile {
  return parseCompose(file, text, { env: new Map(Object.entries(env)) });
}

export function service(parsed: ParsedFile, name: string) {
  const c = parsed.containers.find((x) => x.name === name);
  assert.ok(c, `service ${name} not found in ${parsed.containers.map((x) => x.name).join(', ')}`);
  return c;
}

/** Offsets from LSP positions, computed independently of the parser's LineIndex. */
function offsetOf(text: string, line: number, character: number): number {
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let l = 0; l < line; l++) {
    const m = re.exec(text);
    assert.ok(m, `line ${line} out of range`);
    start = m.index + m[0].length;
  }
  return start + character;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e) => ({
    e,
    s: offsetOf(text, e.range.start.line, e.range.start.character),
    t: offsetOf(text, e.range.end.line, e.range.end.character),
  }));
  withOffsets.sort((a, b) => b.s - a.s);
  let out = text;
  for (const { e, s, t } of withOffsets) out = out.slice(0, s) + e.newText + out.slice(t);
  return out;
}

/** Applies the edits, checks the result parses without problems, and returns it. */
export function applyAndReparse(text: string, edits: TextEdit[] | undefined): string {
  assert.ok(edits && edits.length > 0, 'expected edits');
  const out = applyEdits(text, edits);
  const reparsed = parse(out);
  assert.deepEqual(reparsed.problems, [], `edited text does not parse:\n${out}`);
  return out;
}

/** The text a range covers. */
export function textAt(text: string, r: Range): string {
  return text.slice(offsetOf(text, r.start.line, r.start.character), offsetOf(text, r.end.line, r.end.character));
}

export function rng(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}
