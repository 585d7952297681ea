import { DockerfileParser, type Instruction } from 'dockerfile-ast';

/** A Dockerfile's instructions as dockerfile-ast parses them, with the escape character of its directives. */
export interface Instructions {
  escape: string;
  instructions: Instruction[];
}

interface Previous {
  text: string;
  lines: string[];
  parsed: Instructions;
}

/** The last parse of one document being edited (kept in its session by the Dockerfile front end). */
export interface InstructionsMemo {
  previous?: Previous;
}

/**
 * Parses `text`; with `memo`, reuses the instructions of the previous parse of the same document that an edit
 * did not touch, and keeps this parse there for the next one. dockerfile-ast reads a Dockerfile line by line, and an instruction starts where the previous one ended
 * at a line break; so when the lines before an instruction are unchanged, parsing from its first line gives what
 * a full parse gives, until a line where the full parse starts an unchanged instruction again. The edited region
 * is parsed alone (the lines before it blanked, the directives kept, so positions and the escape character are
 * the file's), up to and including the first line of the next unchanged instruction: when that line starts the
 * same instruction in the region's parse, nothing in the region reaches past it (no continuation, no heredoc),
 * and the instructions from there on are the previous ones. Only edits that keep the line count qualify (the
 * reused instructions keep their positions); anything else is a full parse.
 */
export function parseInstructions(text: string, memo?: InstructionsMemo): Instructions {
  if (!memo) return fullParse(text);
  const lines = /\r(?!\n)/.test(text) ? undefined : text.split('\n');
  const prev = memo.previous;
  let parsed: Instructions | undefined;
  if (prev && lines) {
    try {
      parsed = prev.text === text ? prev.parsed : splice(prev, lines);
    } catch {
      parsed = undefined; // the full parse decides
    }
  }
  parsed ??= fullParse(text);
  memo.previous = lines ? { text, lines, parsed } : undefined;
  return parsed;
}

function fullParse(text: string): Instructions {
  const dockerfile = DockerfileParser.parse(withCommentEnded(text));
  return { escape: dockerfile.getEscapeCharacter() || '\\', instructions: dockerfile.getInstructions() };
}

/** A last line longer than this that is a comment gets a line break after it (see withCommentEnded). */
const LONG_LAST_COMMENT = 4096;

/**
 * dockerfile-ast's parser-directive scan restarts at every character of a comment line that no line break ends:
 * quadratic in the length of a last line such as `#####…` (146 KB took two minutes). A line break after a
 * comment changes no instruction and no range, and makes the scan linear.
 */
function withCommentEnded(text: string): string {
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (text.length - lastBreak - 1 <= LONG_LAST_COMMENT) return text;
  return /^\uFEFF?[ \t]*#/.test(text.slice(lastBreak + 1, lastBreak + 1 + 64)) ? text + '\n' : text;
}

function splice(prev: Previous, lines: string[]): Instructions | undefined {
  const before = prev.lines;
  if (before.length !== lines.length) return undefined;
  let first = 0;
  while (first < lines.length && before[first] === lines[first]) first++;
  if (first === lines.length) return prev.parsed;
  let last = lines.length - 1;
  while (last > first && before[last] === lines[last]) last--;

  const old = prev.parsed.instructions;
  // The region: from the last instruction starting at or before the first changed line ...
  let k = -1;
  while (k + 1 < old.length && old[k + 1].getRange().start.line <= first) k++;
  if (k < 0) return undefined; // an edit above the first instruction (directives, comments)
  // ... to the first instruction starting after the last changed line (its first line is parsed as a check).
  let j = k + 1;
  while (j < old.length && old[j].getRange().start.line <= last) j++;
  const head = old[0].getRange().start.line;
  const s = old[k].getRange().start.line;
  const e = j < old.length ? old[j].getRange().start.line : lines.length - 1;

  let sub = '';
  for (let i = 0; i < head; i++) sub += lines[i] + '\n';
  sub += '\n'.repeat(s - head);
  for (let i = s; i <= e; i++) sub += i < lines.length - 1 ? lines[i] + '\n' : lines[i];
  const parsed = fullParse(sub);
  if (parsed.escape !== prev.parsed.escape) return undefined;
  const region = parsed.instructions;
  if (region.length > 0 && region[0].getRange().start.line < s) return undefined;
  if (j >= old.length) return { escape: parsed.escape, instructions: [...old.slice(0, k), ...region] };

  const check = region[region.length - 1];
  const next = old[j];
  if (!check || region.length < 1) return undefined;
  const a = check.getRange().start;
  const b = next.getRange().start;
  if (a.line !== b.line || a.character !== b.character || check.getKeyword() !== next.getKeyword()) return undefined;
  const replaced = region.slice(0, -1);
  if (replaced.some((ins) => ins.getRange().end.line >= e)) return undefined;
  return { escape: parsed.escape, instructions: [...old.slice(0, k), ...replaced, ...old.slice(j)] };
}
