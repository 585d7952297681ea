import { isMap, isScalar, parseAllDocuments, type Document, type Node, type Scalar, type YAMLError, type YAMLMap } from 'yaml';
import type { ParsedFile, ParseProblem, Source } from '../../../shared-rules/src/model';
import { scanSuppressions } from '../suppressions';
import { detectEol, LineIndex } from '../text/line-index';
import { ServiceBuilder, type LimitHit } from './service';
import type { EnvValue } from '../../../shared-rules/src/bounds';
import { ExpansionBudget, limitProblem, MAX_VALUE } from '../limits';
import { YamlView, type Entry } from './yaml-view';
import { withoutStackTraces } from '../text/yaml-errors';
import { parseIncludes } from './include';
import { checkNesting } from './depth';
import { contentEnd, type EditContext } from './edits';
import { shorten } from '../../../shared-rules/src/bounds';

export interface ComposeParseOptions {
  /** Variables for `${VAR}` interpolation (the `.env` file, then the process environment). */
  env: ReadonlyMap<string, string>;
  /** Files larger than this (UTF-8 bytes) are not analysed: one `file-too-large` problem. Default 4 MB. */
  maxBytes?: number;
  /** Aliases allowed once every alias is expanded (a real file needs a few hundred). Default 10 000. */
  maxAliasCount?: number;
  /** Nodes allowed once every alias is expanded. Default 1 000 000. */
  maxExpandedNodes?: number;
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_ALIASES = 10_000;
export const DEFAULT_MAX_NODES = 1_000_000;
/** One broken line can make yaml report many follow-up errors; the first ones are what matters. */
const MAX_SYNTAX_PROBLEMS = 20;

/**
 * Alias expansion counts of a parse, for the language server's incremental lint (which must know that a
 * full parse would stay within the limits). Keyed by the `problems` array, which copies of the result share.
 */
const aliasCounts = new WeakMap<ParseProblem[], AliasCounts>();

export interface AliasCounts {
  aliases: number;
  nodes: number;
  /** Lines where anchors are defined. */
  anchorLines: number[];
}

export function aliasCountsOf(parsed: ParsedFile): AliasCounts | undefined {
  return aliasCounts.get(parsed.problems);
}

/** Parses one compose file into the container model. Never throws: problems become `problems`. */
export function parseCompose(file: string, text: string, options: ComposeParseOptions): ParsedFile {
  const result: ParsedFile = { file, kind: 'compose', containers: [], suppressions: [], problems: [] };
  const at0: Source = { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
      result.problems.push({ rule: 'file-too-large', message: `File is larger than ${maxBytes} bytes; it is not analysed`, source: at0 });
      return result;
    }
    result.suppressions = scanSuppressions(file, text);
    const lines = new LineIndex(text);
    const ctx: EditContext = { file, text, lines, eol: detectEol(text) };
    analyse(ctx, text, options, result);
  } catch (error) {
    // A stack overflow on absurd nesting, or a bug: report it, never throw at the caller.
    const deep = error instanceof RangeError;
    result.containers = [];
    result.problems.push({
      rule: deep ? 'parse-error' : 'internal-error',
      message: deep
        ? 'The YAML is nested too deeply to analyse'
        : `Compose parser failed: ${error instanceof Error ? error.message : String(error)}`,
      source: at0,
    });
  }
  return result;
}

function analyse(ctx: EditContext, text: string, options: ComposeParseOptions, result: ParsedFile): void {
  const problem = (message: string, start: number, end: number): ParseProblem => ({
    rule: 'parse-error',
    message,
    source: { file: ctx.file, range: ctx.lines.range(start, end) },
  });
  const tooDeep = checkNesting(text);
  if (tooDeep) {
    result.problems.push(problem(tooDeep.message, tooDeep.offset, tooDeep.offset + 1));
    return;
  }
  // Later documents are not part of the compose model, but their syntax errors are still errors.
  // uniqueKeys is off because the library's check is quadratic in a mapping's size; YamlView checks instead.
  const docs = withoutStackTraces(() => parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) as unknown as Document[];
  for (const d of docs) {
    for (const e of d.errors as YAMLError[]) {
      if (result.problems.length >= MAX_SYNTAX_PROBLEMS) break;
      result.problems.push(problem(e.message, e.pos[0], e.pos[1]));
    }
  }
  const doc = docs[0];
  if (!doc) return;

  const view = new YamlView(doc, {
    maxAliases: options.maxAliasCount ?? DEFAULT_MAX_ALIASES,
    maxNodes: options.maxExpandedNodes ?? DEFAULT_MAX_NODES,
  });
  aliasCounts.set(result.problems, {
    aliases: view.stats.expandedAliases,
    nodes: view.stats.expandedNodes,
    anchorLines: view.stats.anchored.map((n) => ctx.lines.lineOf(n.range?.[0] ?? 0)),
  });
  if (!aliasProblems(view, options, problem, result)) return;

  const root = doc.contents as Node | null;
  if (!root || (isScalar(root) && root.value === null)) return;
  const top = view.map(root);
  if (!top) {
    const r = [root.range?.[0] ?? 0, contentEnd(root, text)];
    result.problems.push(problem('The top level of a Compose file must be a mapping', r[0], r[1]));
    return;
  }
  // One expansion budget for the file's interpolations; process-environment values used, for masking.
  const budget = ExpansionBudget.forText(text);
  const used = new Map<string, EnvValue>();
  const interpolation = { budget, used: (v: EnvValue) => void used.set(`${v.name}\u0000${v.value}`, v) };
  const includes = parseIncludes(ctx, view, top, options.env, interpolation);
  if (includes.length > 0) result.includes = includes;
  const servicesEntry = view.entries(top).get('services');
  if (!servicesEntry || !servicesEntry.value) return;
  const services = view.map(servicesEntry.value);
  if (!services) {
    const v = servicesEntry.value;
    if (isScalar(v) && v.value === null) return;
    const r = [v.range?.[0] ?? 0, contentEnd(v, text)];
    result.problems.push(problem('`services` must be a mapping of service names to service definitions', r[0], r[1]));
    return;
  }

  readServices(ctx, view, servicesEntry, services, options.env, interpolation, problem, result);
  if (used.size > 0) {
    const values = [...used.values()];
    for (const c of result.containers) c.processEnvValues = values;
  }
}

/** Each service of `services` onto the model, and a finding for each expansion limit that was reached. */
function readServices(
  ctx: EditContext,
  view: YamlView,
  servicesEntry: Entry,
  services: YAMLMap,
  env: ComposeParseOptions['env'],
  interpolation: { budget: ExpansionBudget; used: (v: EnvValue) => void },
  problem: (message: string, start: number, end: number) => ParseProblem,
  result: ParsedFile,
): void {
  const hits: LimitHit[] = [];
  let budgetHit = false;
  const onLimit = (hit: LimitHit) => {
    if (hit.kind === 'budget' ? !budgetHit : hits.length < MAX_LIMIT_REPORTS) hits.push(hit);
    if (hit.kind === 'budget') budgetHit = true;
  };
  const builder = new ServiceBuilder(ctx, view, env, indentStep(ctx, servicesEntry.keyNode, services), interpolation, onLimit);
  for (const [name, entry] of view.entries(services)) {
    const v = entry.value;
    if (v && !isMap(v) && !(isScalar(v) && v.value === null)) {
      const r = [v.range?.[0] ?? 0, contentEnd(v, ctx.text)];
      result.problems.push(problem(`Service '${shorten(name)}' must be a mapping`, r[0], r[1]));
      continue;
    }
    result.containers.push(builder.build(name, entry.pair, entry.keyNode));
  }
  for (const hit of hits) {
    const r = hit.node.range ?? [0, 0];
    const source = { file: ctx.file, range: ctx.lines.range(r[0], r[1]) };
    const raw = typeof hit.node.source === 'string' ? hit.node.source : String(hit.node.value ?? '');
    result.problems.push(
      hit.kind === 'value'
        ? limitProblem(source, 'expansionTooLong', { name: shorten(raw, 80), max: String(MAX_VALUE) })
        : limitProblem(source, 'expansionBudget', { max: String(interpolation.budget.total) }),
    );
  }
}

/** Problems of aliases and keys the view found; false when an alias bomb stops the analysis. */
function aliasProblems(
  view: YamlView,
  options: ComposeParseOptions,
  problem: (message: string, start: number, end: number) => ParseProblem,
  result: ParsedFile,
): boolean {
  const { offender, recursive, unresolved } = view.stats;
  if (offender) {
    const r = offender.range ?? [0, 0];
    result.problems.push(
      problem(
        `Alias *${shorten(offender.source, 80)} expands the document beyond the limit (${options.maxAliasCount ?? DEFAULT_MAX_ALIASES} aliases or ` +
          `${options.maxExpandedNodes ?? DEFAULT_MAX_NODES} nodes): this looks like an alias bomb, so the file is not analysed`,
        r[0],
        r[1],
      ),
    );
    return false;
  }
  for (const key of view.stats.duplicateKeys) {
    const r = key.range ?? [0, 0];
    if (result.problems.length < MAX_SYNTAX_PROBLEMS) result.problems.push(problem('Map keys must be unique', r[0], r[1]));
  }
  if (unresolved?.range) {
    result.problems.push(
      problem(`Alias *${shorten(unresolved.source, 80)} names no anchor defined before it`, unresolved.range[0], unresolved.range[1]),
    );
  }
  if (recursive?.range) {
    result.problems.push(
      problem(`Alias *${shorten(recursive.source, 80)} refers to a node that contains it`, recursive.range[0], recursive.range[1]),
    );
  }
  return true;
}

/** `analysis-limit` findings for values too long to expand, per file (one says it all; a few show where). */
const MAX_LIMIT_REPORTS = 10;

/** The file's indentation step: how far the service keys sit right of `services:`. */
function indentStep(ctx: EditContext, servicesKey: Scalar, services: YAMLMap): number | undefined {
  if (services.flow) return undefined;
  const first = services.items[0]?.key as Node | undefined;
  if (!first?.range || !servicesKey.range) return undefined;
  const col = (o: number) => o - ctx.lines.lineStart(ctx.lines.lineOf(o));
  const step = col(first.range[0]) - col(servicesKey.range[0]);
  return step > 0 ? step : undefined;
}
