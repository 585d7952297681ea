import type { ShellTrees } from '../shell/mvdan';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ContainerSpec, ParsedFile, Source, Val } from '../../../shared-rules/src/model';
import { LineIndex } from '../shell/text';
import { resolveValue } from './container';
import { yamlProblem } from './github-actions';
import { analyseShell, parsedFile, type ScriptContext, type ScriptResult } from './script';
import { foldedSpan, get, items, keyName, pairsOf, parseYaml, scalarText } from './yaml-text';

/**
 * GitLab CI (`.gitlab-ci.yml`, and YAML files it includes when named `*.gitlab-ci.yml`): every `script`,
 * `before_script` and `after_script` of every job (hidden `.templates` and `default:` too), a string or a list
 * whose items (nested lists flattened) are commands of their own. An alias (`*steps`) or a `!reference [...]` is
 * read where its content is written, once. The job's `image` and its `services` (a name or `name:`) are image
 * uses: the image rules apply; no other setting of theirs is written in the file (the runner decides), so
 * missing-setting rules never fire on them.
 */
export function isGitlabCiPath(file: string): boolean {
  return /(^|[\\/])(\.gitlab-ci\.ya?ml|[^\\/]+\.gitlab-ci\.ya?ml)$/i.test(file);
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

export function parseGitlabCi(file: string, text: string, trees?: ShellTrees): ParsedFile {
  const index = new LineIndex(text);
  const doc = parseYaml(text);
  if (!doc) return yamlProblem(file);
  const ctx: ScriptContext = { file, index, trees, budget: { used: 0 } };
  const results: ScriptResult[] = [];
  const containers: ContainerSpec[] = [];
  const root = doc.contents;
  const scripts = (node: unknown, depth = 0) => {
    if (depth > 8 || !node || (node as { tag?: string }).tag === '!reference') return;
    if (isScalar(node) && typeof node.value === 'string') {
      const mapped = scalarText(text, node as never);
      if (!mapped) return;
      // A `>` or plain scalar folds its lines: a flag's line may go with the flag, an ignore comment goes above it.
      const folded = foldedSpan(index, node as never);
      const result = analyseShell(mapped, folded ? { ...ctx, lineWords: true } : ctx);
      if (folded) result.enclosing = folded;
      results.push(result);
    } else if (isSeq(node)) {
      for (const item of node.items) scripts(item, depth + 1);
    }
  };
  for (const key of SCRIPT_KEYS) scripts(get(root, key));
  for (const job of pairsOf(root)) {
    // `.steps: &steps [...]`: a hidden key holding commands that jobs use through an alias.
    if (keyName(job).startsWith('.') && !isMap(job.value)) scripts(job.value);
    if (!isMap(job.value)) continue;
    for (const key of SCRIPT_KEYS) scripts(get(job.value, key));
    const name = keyName(job);
    const image = imageOf(get(job.value, 'image'), ctx);
    if (image) containers.push(imageUse(`${name} image`, image, ctx));
    for (const service of items(get(job.value, 'services'))) {
      const v = imageOf(service, ctx);
      if (v) containers.push(imageUse(`${name} service ${v.value}`, v, ctx));
    }
  }
  const top = imageOf(get(root, 'image'), ctx);
  if (top) containers.push(imageUse('default image', top, ctx));
  return parsedFile(file, text, index, results, containers);
}

function imageOf(node: Node | null | undefined, ctx: ScriptContext): Val | undefined {
  const scalar = isScalar(node) ? node : get(node, 'name');
  if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const { value, known } = resolveValue(scalar.value, !/[$`]/.test(scalar.value));
  return { value, known, source: { file: ctx.file, range: ctx.index.range(scalar.range[0], scalar.range[1]) } };
}

/** An image that runs with settings the file does not show: only its reference is read. */
function imageUse(name: string, image: Val, ctx: ScriptContext): ContainerSpec {
  const at: Source = image.source;
  const unknown = (): Val => ({ value: '', known: false, source: at });
  return {
    origin: 'docker-run',
    name,
    file: ctx.file,
    declaration: at,
    extent: at.range,
    image,
    capAdd: [],
    capDrop: [{ value: '', known: false, source: at }],
    securityOpt: [{ value: '', known: false, source: at }],
    devices: [],
    mounts: [],
    ports: [],
    limits: { pidsLimit: unknown(), memLimit: unknown(), cpus: unknown() },
    readOnly: unknown(),
    networkMode: unknown(),
    environment: [],
    dependsOn: [],
  };
}
