import type { Node } from 'jsonc-parser';
import { noSettings, type BuildCommand, type ContainerSpec, type ParseProblem } from '../../../shared-rules/src/model';
import { analyseShell, type ScriptContext } from '../docker-run/script';
import { execFormCommands, MAX_DEPTH, TOO_DEEP, type WordInfo } from '../shell/commands';
import type { ShellTrees } from '../shell/mvdan';
import type { JsonContext } from './container';
import { items, properties, stringText, valueOf } from './jsonc';
import { substituteVariables } from './variables';
import { pushAll } from '../../../shared-rules/src/bounds';

/**
 * Lifecycle commands (`initializeCommand`, `onCreateCommand`, `updateContentCommand`, `postCreateCommand`,
 * `postStartCommand`, `postAttachCommand`): a string is a shell script (`/bin/sh -c`), analysed as scripts are
 * (docker-run/script.ts, with each character of the decoded JSON string mapped back to the file); an array is
 * one command's argv (no shell; `["sh", "-c", "…"]` has its script parsed too); an object holds several
 * commands, run in parallel. The RUN rules read them through `script` units: `initializeCommand` runs on the
 * host, the developer's own machine (runsIn `host`); the others run inside the dev container.
 */
export const LIFECYCLE_KEYS = [
  'initializeCommand',
  'onCreateCommand',
  'updateContentCommand',
  'postCreateCommand',
  'postStartCommand',
  'postAttachCommand',
];

export interface LifecycleResult {
  /** Script units (host, then dev container) and any `docker run` the commands start. */
  containers: ContainerSpec[];
  problems: ParseProblem[];
  /** The commands' first and last lines (a suppression on the line before covers the command). */
  spans: Array<{ first: number; last: number }>;
}

export function lifecycleCommands(root: Node, ctx: JsonContext, trees: ShellTrees | undefined): LifecycleResult {
  const result: LifecycleResult = { containers: [], problems: [], spans: [] };
  const shell: ScriptContext = { file: ctx.file, index: ctx.index, trees };
  const host: BuildCommand[] = [];
  const inside: BuildCommand[] = [];
  for (const key of LIFECYCLE_KEYS) {
    const value = valueOf(root, key);
    const commands = properties(value).length > 0 ? properties(value).map((p) => p.value) : [value];
    for (const node of commands) {
      if (!node) continue;
      const found = commandOf(node, ctx, shell, result);
      pushAll(key === 'initializeCommand' ? host : inside, found);
    }
  }
  for (const cmd of [...host, ...inside]) result.spans.push({ first: cmd.source.range.start.line, last: cmd.source.range.end.line });
  const unit = (name: string, runsIn: 'host' | 'devcontainer', scripts: BuildCommand[]) => scriptUnit(name, runsIn, scripts, ctx);
  if (host.length > 0) result.containers.unshift(unit('initializeCommand', 'host', host));
  if (inside.length > 0) result.containers.splice(host.length > 0 ? 1 : 0, 0, unit('lifecycle commands', 'devcontainer', inside));
  return result;
}

function commandOf(node: Node, ctx: JsonContext, shell: ScriptContext, result: LifecycleResult): BuildCommand[] {
  if (node.type === 'string') {
    const r = analyseShell(substituteVariables(stringText(ctx.index.text, node), true), shell);
    pushAll(result.containers, r.containers);
    pushAll(result.problems, r.problems);
    return r.commands;
  }
  if (node.type !== 'array') return [];
  const words: WordInfo[] = [];
  for (const item of items(node)) {
    if (item.type !== 'string') return [];
    const m = substituteVariables(stringText(ctx.index.text, item), true);
    words.push({
      text: m.text,
      offsets: m.offsets,
      literal: !m.text.includes('${'),
      hasSubstitution: false,
      start: item.offset,
      end: item.offset + item.length,
    });
  }
  const commands = execFormCommands(words, { file: ctx.file, index: ctx.index, trees: shell.trees });
  const source = { file: ctx.file, range: ctx.index.range(node.offset, node.offset + node.length) };
  const script = words.map((w) => w.text).join(' ');
  // An `["sh", "-c", "..."]` script nested past the bound: an analysis-limit finding, not a silent pass.
  if (commands === TOO_DEEP)
    return [{ source, script, commands: [], execForm: true, limit: { kind: 'too-deep', size: script.length, max: MAX_DEPTH } }];
  if (commands.length === 0) return [];
  // The argv's words are the array's items: removing words removes items (a nested `sh -c` script keeps its own).
  commands[0].removeWords = (from, to) => {
    const edits = ctx.edits.removeItems(
      node,
      Array.from({ length: to - from + 1 }, (_, k) => from + k),
    );
    return edits.length > 0 ? edits : undefined;
  };
  return [{ source, script, commands, execForm: true }];
}

function scriptUnit(name: string, runsIn: 'host' | 'devcontainer', scripts: BuildCommand[], ctx: JsonContext): ContainerSpec {
  const start = { line: 0, character: 0 };
  return {
    origin: 'script',
    name,
    file: ctx.file,
    declaration: { file: ctx.file, range: { start, end: start } },
    extent: { start, end: ctx.index.positionAt(ctx.index.text.length) },
    scripts,
    runsIn,
    ...noSettings(),
  };
}
