import type { Run } from 'dockerfile-ast';
import type { BuildCommand } from '../../../shared-rules/src/model';
import { buildCommand } from './run';
import type { LineIndex } from './text';

/**
 * BuildCommands of RUN instructions, by the instruction's lines and place. An editor re-lints the whole file on
 * every keystroke while one instruction changed; walking a RUN's shell tree costs more than parsing the
 * Dockerfile around it. A BuildCommand depends only on the lines its RUN spans (it is built over a window of
 * them, so its ranges and edits close over those lines, not over the whole text), the escape character, the
 * stage's shell and the file name: with all of them in the key, a cached one equals a new one. Rules only read it.
 */
const cache = new Map<string, BuildCommand>();
const CACHE_SIZE = 4096;

export function cachedBuildCommand(run: Run, file: string, index: LineIndex, escape: string, posixShell: boolean): BuildCommand {
  const { start, end } = run.getRange();
  const window = index.window(start.line, end.line);
  const key = `${file}\u0000${escape}${posixShell ? 1 : 0}\u0000${start.line}:${start.character}:${end.line}:${end.character}\u0000${window.text}`;
  let command = cache.get(key);
  if (command) {
    cache.delete(key); // most recently used goes last
  } else {
    command = buildCommand(run, { file, index: window }, escape, posixShell);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, command);
  return command;
}

/** For tests and benchmarks of the uncached path. */
export function clearBuildCommandCache(): void {
  cache.clear();
}
