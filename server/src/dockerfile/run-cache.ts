import type { Run } from 'dockerfile-ast';
import type { BuildCommand } from '../../../shared-rules/src/model';
import { shiftLines } from '../../../shared-rules/src/shift';
import { ShellTrees } from '../shell/mvdan';
import { buildCommand } from './run';
import type { LineIndex } from '../shell/text';

/**
 * BuildCommands of RUN instructions, by the instruction's text. An editor re-lints the whole file on every
 * keystroke while one instruction changed; walking a RUN's shell tree costs more than parsing the Dockerfile
 * around it. A BuildCommand depends only on the lines its RUN spans (it is built over a window of them, so its
 * ranges and edits close over those lines, not over the whole text), the escape character, the stage's shell,
 * the file name, and the line the RUN starts on. All but that line are in the key; a RUN that moved (lines
 * inserted or removed above it) gets the cached one with every range shifted by the lines it moved, which is
 * what building it again would give. Rules only read it.
 */
const CACHE_SIZE = 4096;

/** One per analysis (its Dockerfile front end). */
export class RunCache {
  private readonly cache = new Map<string, { line: number; command: BuildCommand }>();
  private readonly trees = new ShellTrees();

  buildCommand(run: Run, file: string, index: LineIndex, escape: string, posixShell: boolean): BuildCommand {
    const { start, end } = run.getRange();
    const window = index.window(start.line, end.line);
    const key = `${file}\u0000${escape}${posixShell ? 1 : 0}\u0000${start.character}:${end.line - start.line}:${end.character}\u0000${window.text}`;
    let entry = this.cache.get(key);
    if (entry) {
      this.cache.delete(key); // most recently used goes last
      if (entry.line !== start.line) {
        const command = shiftLines(entry.command, { file, fromLine: entry.line, delta: start.line - entry.line });
        entry = { line: start.line, command };
      }
    } else {
      entry = { line: start.line, command: buildCommand(run, { file, index: window, trees: this.trees }, escape, posixShell) };
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(key, entry);
    return entry.command;
  }
}
