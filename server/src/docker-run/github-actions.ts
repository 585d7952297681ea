import type { ShellTrees } from '../shell/mvdan';
import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import type { ContainerSpec, EnvEntry, MappingSlot, ParsedFile, ShellWord, Source, TextEdit, Val } from '../../../shared-rules/src/model';
import { parseShellScript } from '../shell/commands';
import { LineIndex, pushRange, type MappedText } from '../shell/text';
import { containerOfFlags, resolveValue, type CommandContext } from './container';
import { analyseShell, parsedFile, type ScriptContext, type ScriptResult } from './script';
import { foldedSpan, get, items, keyName, pairOf, pairsOf, parseYaml, scalarText, stringScalar } from './yaml-text';
import { withoutTrailingComment } from '../text/trailing-comment';
import { pushAll } from '../../../shared-rules/src/bounds';

/**
 * GitHub Actions workflows (`.github/workflows/*.yml`):
 * - `run:` steps are scripts of the step's shell (`shell:` of the step, else `defaults.run.shell` of the job, else
 *   of the workflow, else bash — pwsh on a `windows` runner). Only bash and sh are parsed; pwsh, python, cmd and
 *   custom shells are not.
 * - `${{ … }}` expressions are substituted by GitHub before the shell runs: `${{ github.workspace }}` is the project;
 *   any other expression is an unknown value.
 * - `jobs.<id>.container` and `jobs.<id>.services.<name>`: `image`, `options` (docker create flags), `volumes`
 *   (as `-v`), `ports` (as `-p`), `env` (as `-e`). A missing setting is reported at the container's key and fixed
 *   in `options:` (added after `image:` when there is none).
 */
export function isGithubWorkflowPath(file: string): boolean {
  return /(^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/i.test(file);
}

export function parseGithubWorkflow(file: string, text: string, trees?: ShellTrees): ParsedFile {
  const index = new LineIndex(text);
  const doc = parseYaml(text);
  if (!doc) return yamlProblem(file);
  const root = doc.contents;
  const ctx: ScriptContext = { file, index, trees, budget: { used: 0 } };
  const results: ScriptResult[] = [];
  const containers: ContainerSpec[] = [];
  const workflowShell = scalarValue(get(get(get(root, 'defaults'), 'run'), 'shell'));
  for (const job of pairsOf(get(root, 'jobs'))) {
    const jobNode = job.value;
    if (!isMap(jobNode)) continue;
    const jobShell = scalarValue(get(get(get(jobNode, 'defaults'), 'run'), 'shell')) ?? workflowShell;
    const runsOn = scalarValue(get(jobNode, 'runs-on')) ?? '';
    for (const step of items(get(jobNode, 'steps'))) {
      const run = stringScalar(get(step, 'run'));
      if (!run) continue;
      const shell = scalarValue(get(step, 'shell')) ?? jobShell ?? (/windows/i.test(runsOn) ? 'pwsh' : 'bash');
      if (!/^(bash|sh)(\s|$)/.test(shell.trim())) continue;
      const mapped = scalarText(text, run);
      if (!mapped) continue;
      // A `>` or plain scalar folds its lines: a flag's line may go with the flag, an ignore comment goes above it.
      const folded = foldedSpan(index, run);
      const result = analyseShell(expressions(mapped), folded ? { ...ctx, lineWords: true } : ctx);
      if (folded) result.enclosing = folded;
      results.push(result);
    }
    const container = pairOf(jobNode, 'container');
    if (container) {
      const c = serviceContainer(container.key, container.value, `${keyName(job)} container`, ctx);
      if (c) containers.push(c);
    }
    for (const service of pairsOf(get(jobNode, 'services'))) {
      const c = serviceContainer(service.key, service.value, keyName(service), ctx);
      if (c) containers.push(c);
    }
  }
  return parsedFile(file, text, index, results, containers);
}

export function yamlProblem(file: string): ParsedFile {
  return {
    file,
    kind: 'docker-run',
    containers: [],
    suppressions: [],
    problems: [
      {
        rule: 'parse-error',
        message: 'This file is not valid YAML, so its commands were not analysed',
        source: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      },
    ],
  };
}

function scalarValue(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/**
 * `${{ github.workspace }}` → `${GITHUB_WORKSPACE}` (the project); any other expression → an unknown variable
 * named after its last word (`${{ matrix.image }}` → `${GHA_image}`), so that the argv grammar can still tell an
 * image from flags. The replacement's first and last units sit at the expression's ends.
 */
export function expressions(src: MappedText): MappedText {
  if (!src.text.includes('${{')) return src;
  const out: MappedText = { text: '', offsets: [] };
  const re = /\$\{\{([\s\S]*?)\}\}/g;
  // No expression ends after the last `}}`: searching only up to it keeps a long run of unclosed `${{` linear.
  const scan = src.text.slice(0, src.text.lastIndexOf('}}') + 2);
  let at = 0;
  for (let m = re.exec(scan); m; m = re.exec(scan)) {
    out.text += src.text.slice(at, m.index);
    pushRange(out.offsets, src.offsets, at, m.index);
    const body = m[1].trim();
    const value = /^github\.workspace$/.test(body) ? '${GITHUB_WORKSPACE}' : `\${GHA_${lastName(body) ?? 'EXPR'}}`;
    const first = src.offsets[m.index];
    const end = src.offsets[m.index + m[0].length - 1];
    for (let k = 0; k < value.length; k++) {
      out.text += value[k];
      out.offsets.push(k === 0 ? first : k === value.length - 1 ? end : -1);
    }
    at = m.index + m[0].length;
  }
  out.text += src.text.slice(at);
  pushRange(out.offsets, src.offsets, at, src.text.length);
  return out;
}

/**
 * The expression's last name (`matrix.image` → `image`), as `/([A-Za-z_][A-Za-z0-9_]*)\W*$/` finds it, by a scan
 * from the end: the pattern retries at every letter of a long word that is not last.
 */
export function lastName(body: string): string | undefined {
  let end = body.length;
  while (end > 0 && !isWordChar(body.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isWordChar(body.charCodeAt(start - 1))) start--;
  // The name starts at the word's first letter or `_` (`9image` → `image`).
  while (start < end && body.charCodeAt(start) >= 48 && body.charCodeAt(start) <= 57) start++;
  return start < end ? body.slice(start, end) : undefined;
}

/** `\w`: an ASCII letter, digit or `_`. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The words of a YAML scalar as one shell word (volumes and ports items). */
function scalarWord(node: Scalar, ctx: CommandContext): ShellWord | undefined {
  if (!node.range || node.value === null || node.value === undefined || isMap(node)) return undefined;
  const text = String(node.value);
  const mapped = typeof node.value === 'string' ? scalarText(ctx.index.text, node as Scalar<string>) : undefined;
  const m = mapped ? expressions(mapped) : { text, offsets: [...text].map((_, i) => node.range![0] + i) };
  const range = ctx.index.range(node.range[0], node.range[1]);
  return {
    text: m.text,
    literal: !/[$`]/.test(m.text),
    source: { file: ctx.file, range },
    rangeOf: (from, to) => {
      if (from < 0 || to > m.offsets.length || from >= to) return undefined;
      for (let i = from; i < to; i++) if (m.offsets[i] < 0 || (i > from && m.offsets[i] !== m.offsets[i - 1] + 1)) return undefined;
      return ctx.index.range(m.offsets[from], m.offsets[to - 1] + 1);
    },
  };
}

/** A word that is not written in the file (the `-v` in front of a `volumes:` item): it and its value stay. */
function syntheticFlag(text: string, at: Source): ShellWord {
  return { text, literal: true, source: at, synthetic: true } as ShellWord;
}

function serviceContainer(key: Scalar, node: Node | null, name: string, ctx: CommandContext): ContainerSpec | undefined {
  if (!key.range) return undefined;
  const declaration: Source = { file: ctx.file, range: ctx.index.range(key.range[0], key.range[1]) };
  const end = node?.range ? node.range[1] : key.range[1];
  const extent = ctx.index.range(key.range[0], end);
  const imageNode = isScalar(node) ? node : get(node, 'image');
  let image: Val | undefined;
  if (isScalar(imageNode) && imageNode.range && imageNode.value !== null) {
    const word = scalarWord(imageNode, ctx);
    if (word) {
      const { value, known } = resolveValue(word.text, word.literal);
      image = { value, known, source: word.source };
    }
  }
  if (!image && !isMap(node)) return undefined;
  const words: ShellWord[] = [];
  const options = stringScalar(get(node, 'options'));
  let entry: CommandContext['entry'];
  if (options) {
    const mapped = scalarText(ctx.index.text, options);
    const script = mapped ? parseShellScript(expressions(mapped), { file: ctx.file, index: ctx.index, trees: ctx.trees }) : undefined;
    const parsed = Array.isArray(script) ? script : undefined;
    for (const cmd of parsed ?? []) if (!cmd.substitution) for (const w of cmd.words) words.push(w);
    // Words 0 and 1 of the command are the made-up `docker create`.
    const pair = pairOf(node, 'options');
    if (words.length > 0 && pair) entry = { from: 2, to: words.length + 1, remove: () => removePair(pair.key, options, ctx) };
  }
  for (const [key, flag] of [
    ['volumes', '-v'],
    ['ports', '-p'],
  ] as const) {
    for (const item of items(get(node, key))) {
      if (!isScalar(item)) continue;
      const w = scalarWord(item, ctx);
      if (w) words.push(syntheticFlag(flag, w.source), w);
    }
  }
  const c = containerOfFlags(
    words,
    { ...ctx, lineWords: true, ...(entry ? { entry } : {}) },
    { name, declaration, extent, image, mapping: optionsSlot(node, options, ctx) },
  );
  pushAll(c.environment, envEntries(get(node, 'env'), ctx));
  return c;
}

/** Removes a `key: value` entry of a block mapping: its lines, when nothing else is written on them. */
function removePair(key: Scalar, value: Scalar, ctx: CommandContext): TextEdit[] {
  if (!key.range || !value.range) return [];
  const index = ctx.index;
  const first = index.positionAt(key.range[0]).line;
  const last = index.positionAt(Math.max(value.range[1] - 1, value.range[0])).line;
  const start = index.lineStart(first);
  if (index.text.slice(start, key.range[0]).trim() !== '') return [];
  if (withoutTrailingComment(index.text.slice(value.range[1], index.lineEnd(last))).trim() !== '') return [];
  const end = last + 1 < index.lineCount ? index.lineStart(last + 1) : index.lineEnd(last);
  return [{ file: ctx.file, range: index.range(start, end), newText: '' }];
}

/** `env:` of a job or service container. */
function envEntries(node: unknown, ctx: CommandContext): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const p of pairsOf(node)) {
    if (!p.key.range) continue;
    const v = p.value;
    const end = isScalar(v) && v.range ? v.range[1] : p.key.range[1];
    const source: Source = { file: ctx.file, range: ctx.index.range(p.key.range[0], end) };
    const text = isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
    const interpolated = text !== undefined && /\$\{\{/.test(text);
    out.push({
      name: keyName(p),
      ...(text !== undefined ? { value: { value: interpolated ? '' : text, known: !interpolated, source } } : {}),
      interpolated,
      kind: 'environment',
      source,
    });
  }
  return out;
}

/** Adds flags to `options:` (first), or an `options:` key after `image:`. */
function optionsSlot(node: Node | null, options: Scalar<string> | undefined, ctx: CommandContext): MappingSlot | undefined {
  const flagFor: Record<string, (v: string) => string | undefined> = {
    pids_limit: (v) => `--pids-limit ${v}`,
    mem_limit: (v) => `--memory ${v}`,
    cpus: (v) => `--cpus ${v}`,
    read_only: (v) => (v === 'true' ? '--read-only' : undefined),
    cap_drop: (v) => (v === '[ALL]' ? '--cap-drop ALL' : undefined),
    security_opt: (v) => (/no-new-privileges/.test(v) ? '--security-opt no-new-privileges' : undefined),
  };
  if (!isMap(node)) return undefined;
  return {
    addEntry: (key, value) => {
      const flag = flagFor[key]?.(value);
      if (!flag) return [];
      if (options) {
        const mapped = scalarText(ctx.index.text, options);
        const first = mapped?.offsets.findIndex((o, i) => o >= 0 && mapped.text[i].trim() !== '');
        if (!mapped || first === undefined || first < 0 || options.type === 'QUOTE_DOUBLE' || options.type === 'QUOTE_SINGLE') {
          // Inside quotes the text goes in just as well: after the opening quote.
          if (!options.range || (options.type !== 'QUOTE_DOUBLE' && options.type !== 'QUOTE_SINGLE')) return [];
          const at = ctx.index.positionAt(options.range[0] + 1);
          return [{ file: ctx.file, range: { start: at, end: at }, newText: `${flag} ` }];
        }
        const at = ctx.index.positionAt(mapped.offsets[first]);
        return [{ file: ctx.file, range: { start: at, end: at }, newText: `${flag} ` }];
      }
      const image = pairOf(node, 'image');
      if (!image?.key.range || !isScalar(image.value) || !image.value.range) return [];
      if ((node as { flow?: boolean }).flow) return [];
      const line = ctx.index.positionAt(image.value.range[1]).line;
      const col = ctx.index.positionAt(image.key.range[0]).character;
      const at = { line, character: ctx.index.lineText(line).length };
      return [{ file: ctx.file, range: { start: at, end: at }, newText: `${ctx.index.eol()}${' '.repeat(col)}options: ${flag}` }];
    },
  };
}
