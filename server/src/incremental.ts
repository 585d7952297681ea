import * as path from 'node:path';
import type { ContainerSpec, Source, TextEdit } from '../../shared-rules/src/model';
import type { Finding } from '../../shared-rules/src/rule';
import { containerFindings, finishFindings, lintParsed, problemFindings, ruleContext, type LintOptions } from '../../shared-rules/src/engine';
import { checkNesting } from './compose/depth';
import { aliasCountsOf, DEFAULT_MAX_ALIASES, DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES } from './compose/parse';
import { blockHolding, serviceLayout, type ServiceLayout } from './compose/service-blocks';
import type { FileAccess } from './fs';
import { lintDockerfileIncrementally, lintFile, projectFileAccess, type LintFileRequest, type LintResult } from './lint';
import { loadComposeProject } from './project/project';
import { scanSuppressions } from './suppressions';

/**
 * Incremental lint of a Compose file being edited (the language server's typing path). When an edit stays
 * inside one service's block, only that service is parsed again: the other services are blanked out of the
 * text (same line numbers), and their findings from the previous lint are kept, moved by the edit's line
 * delta. Every condition that could make the result differ from a full lint sends the caller to a full lint:
 * other files of a project, anchors or `extends` among the services, syntax problems, changed dependencies.
 *
 * Assumes, as the rules do today, that a rule reads only the `name` and `dependsOn` of the other containers
 * in `RuleContext.project`; a service whose `dependsOn` changes is linted in full.
 */
export interface IncrementalState {
  file: string;
  text: string;
  /** Settings that shape raw findings (locale, rule settings, roots): a change means a full lint. */
  key: string;
  layout: ServiceLayout;
  containers: ContainerSpec[];
  /** Each container's findings before merging, severity and suppressions (never modified once stored). */
  raw: Finding[][];
  /** Every other file the lint read and what it read (undefined: absent). */
  reads: Map<string, string | undefined>;
  /** Dependencies are the files read before any `build:` link, then each service's Dockerfile in order. */
  pre: string[];
  dockerfiles: Array<string | undefined>;
  /** Upper bounds of the alias expansion of the whole text (the parser refuses alias bombs past the limits). */
  aliases: number;
  nodes: number;
}

export interface IncrementalLint {
  result: LintResult;
  /** Keep for the next version of the same document; undefined when the file does not qualify. */
  state?: IncrementalState;
  /** True when only the edited service was parsed again. */
  incremental?: boolean;
}

/** Same findings and dependencies as `lintFile(req)`; faster when `previous` is the lint of an earlier version. */
export function lintWithState(req: LintFileRequest, previous: IncrementalState | undefined): IncrementalLint {
  if (req.kind === 'dockerfile') return { result: lintDockerfileIncrementally(req) };
  if (req.kind !== 'compose' || !req.files || req.processEnv || path.resolve(req.file) !== req.file) {
    return { result: lintFile(req) };
  }
  if (previous) {
    try {
      const fast = relint(previous, req);
      if (fast) return fast;
    } catch {
      // A bug here must not cost the user a lint: the full path below decides.
    }
  }
  return fullLint(req);
}

/** An `extends` key, however written (other services would inherit from the edited one). */
const EXTENDS = /(?:^|[\s{,])["']?extends["']?\s*:/;

function stateKey(req: LintFileRequest): string {
  const o = req.options ?? {};
  return JSON.stringify([o.locale ?? 'en', o.settings ?? {}, req.roots ?? null, o.rules?.map((r) => r.id) ?? null]);
}

/** Records what the loader reads, so a later lint can tell whether any of it changed. */
function recording(files: FileAccess, own: string, reads: Map<string, string | undefined>): FileAccess {
  return {
    readText(f) {
      const text = files.readText(f);
      if (f !== own) reads.set(f, text);
      return text;
    },
  };
}

function fullLint(req: LintFileRequest): IncrementalLint {
  const own = req.file;
  const options: LintOptions = req.options ?? {};
  const reads = new Map<string, string | undefined>();
  const project = loadComposeProject(own, { files: recording(projectFileAccess(req), own, reads) });
  const dependencies = project.dependencies.filter((f) => f !== own);
  const parsed = project.parsed[0];
  const layout = serviceLayout(req.text);
  const counts = parsed && aliasCountsOf(parsed);
  const qualifies =
    project.parsed.length === 1 &&
    parsed.file === own &&
    parsed.problems.length === 0 &&
    !parsed.includes?.length &&
    counts !== undefined &&
    layout !== undefined &&
    sameNames(parsed.containers, layout) &&
    !counts.anchorLines.some((line) => line >= layout.blocks[0].keyLine && line < layout.blocks[layout.blocks.length - 1].endLine) &&
    !layout.blocks.some((b) => linesHave(layout.lines, b.keyLine, b.endLine, EXTENDS));
  const dockerfiles = parsed ? parsed.containers.map((c) => project.dockerfiles.get(c.name)) : [];
  const built = new Set(dockerfiles);
  const pre = dependencies.filter((f) => !built.has(f));
  if (!qualifies || !sameList(dependencies, dependencyOrder(pre, dockerfiles))) {
    const findings = lintParsed(project.parsed, options).filter((f) => f.at.file === own);
    return { result: { kind: 'compose', findings, dependencies } };
  }
  // lintParsed, step by step, keeping each container's raw findings.
  const containers = parsed.containers;
  const ctx = ruleContext(options, containers);
  const raw = containers.map((c) => containerFindings(c, ctx, options));
  const findings = finishFindings([...problemFindings(project.parsed), ...raw.flat()], project.parsed, options).filter((f) => f.at.file === own);
  const state: IncrementalState = {
    file: own,
    text: req.text,
    key: stateKey(req),
    layout,
    containers,
    raw,
    reads,
    pre,
    dockerfiles,
    aliases: counts.aliases,
    nodes: counts.nodes,
  };
  return { result: { kind: 'compose', findings, dependencies }, state };
}

/** The fast path; undefined whenever it cannot be sure to match a full lint. */
function relint(prev: IncrementalState, req: LintFileRequest): IncrementalLint | undefined {
  const text = req.text;
  if (req.file !== prev.file || stateKey(req) !== prev.key) return undefined;
  if (text.length * 3 > DEFAULT_MAX_BYTES || checkNesting(text)) return undefined;
  const layout = serviceLayout(text);
  if (!layout || layout.blocks.length !== prev.layout.blocks.length) return undefined;

  // The changed lines: [first, oldLast] before the edit, [first, newLast] after it.
  const before = prev.layout.lines;
  const after = layout.lines;
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let tail = 0;
  while (tail < before.length - first && tail < after.length - first && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const delta = after.length - before.length;
  const b = blockHolding(prev.layout, first, before.length - 1 - tail);
  if (b < 0 || blockHolding(layout, first, after.length - 1 - tail) !== b) return undefined;
  for (let j = 0; j < layout.blocks.length; j++) {
    const o = prev.layout.blocks[j];
    const n = layout.blocks[j];
    if (o.name !== n.name || n.keyLine !== o.keyLine + (j > b ? delta : 0) || n.endLine !== o.endLine + (j >= b ? delta : 0)) return undefined;
  }
  const block = layout.blocks[b];
  if (linesHave(after, block.keyLine, block.endLine, EXTENDS)) return undefined;

  // Parse the edited service alone: the other services' lines become empty lines.
  const masked = after.slice();
  for (let j = 0; j < layout.blocks.length; j++) {
    if (j === b) continue;
    for (let i = layout.blocks[j].keyLine; i < layout.blocks[j].endLine; i++) masked[i] = '';
  }
  const own = prev.file;
  const reads = new Map<string, string | undefined>();
  const project = loadComposeProject(own, { files: recording(projectFileAccess({ ...req, text: masked.join('\n') }), own, reads) });
  const parsed = project.parsed[0];
  const counts = parsed && aliasCountsOf(parsed);
  if (project.parsed.length !== 1 || parsed.file !== own || parsed.problems.length > 0 || parsed.includes?.length || !counts) return undefined;
  const service = parsed.containers[0];
  if (parsed.containers.length !== 1 || service.name !== block.name) return undefined;
  // Anchors among the services could be used by other services (or shadow those above them).
  if (counts.anchorLines.some((line) => line >= block.keyLine && line < block.endLine)) return undefined;
  if (prev.aliases + counts.aliases > DEFAULT_MAX_ALIASES || prev.nodes + counts.nodes > DEFAULT_MAX_NODES) return undefined;
  // Other services' findings depend on this one only through its `depends_on` (network-none-suggested).
  if (!sameList(service.dependsOn, prev.containers[b].dependsOn)) return undefined;
  // Dependencies: the same files read before the `build:` links, then this service's Dockerfile.
  const maskedDependencies = project.dependencies.filter((f) => f !== own);
  const dockerfile = project.dockerfiles.get(service.name);
  const pre = maskedDependencies.filter((f) => f !== dockerfile);
  if (!sameList(pre, prev.pre) || !sameList(maskedDependencies, dependencyOrder(pre, [dockerfile]))) return undefined;
  if (dockerfile !== undefined && pre.includes(dockerfile)) return undefined;
  const dockerfiles = prev.dockerfiles.slice();
  dockerfiles[b] = dockerfile;
  // Every file the previous lint read must read the same now (.env, override probes, Dockerfiles).
  const files = projectFileAccess(req);
  for (const [f, t] of reads) if (prev.reads.has(f) && prev.reads.get(f) !== t) return undefined;
  for (const [f, t] of prev.reads) if (!reads.has(f) && files.readText(f) !== t) return undefined;

  const options: LintOptions = req.options ?? {};
  const containers = prev.containers.slice();
  containers[b] = service;
  const raw: Finding[][] = [];
  const oldStart = prev.layout.blocks[b].keyLine;
  const oldEnd = prev.layout.blocks[b].endLine;
  for (let j = 0; j < containers.length; j++) {
    if (j === b) {
      raw.push(containerFindings(service, ruleContext(options, containers), options));
      continue;
    }
    const moved: Finding[] = [];
    for (const f of prev.raw[j]) {
      const m = moveFinding(f, oldStart, oldEnd, delta);
      if (!m) return undefined;
      moved.push(m);
    }
    raw.push(moved);
  }
  const files1 = [{ file: own, suppressions: scanSuppressions(own, text) }];
  const findings = finishFindings(raw.flat(), files1, options);
  const mergedReads = new Map(prev.reads);
  for (const [f, t] of reads) mergedReads.set(f, t);
  const dependencies = dependencyOrder(pre, dockerfiles);
  const state: IncrementalState = {
    ...prev,
    text,
    layout,
    containers,
    raw,
    reads: mergedReads,
    dockerfiles,
    aliases: prev.aliases + counts.aliases,
    nodes: prev.nodes + counts.nodes,
  };
  return { result: { kind: 'compose', findings, dependencies }, state, incremental: true };
}

function dependencyOrder(pre: readonly string[], dockerfiles: ReadonlyArray<string | undefined>): string[] {
  const out = new Set(pre);
  for (const d of dockerfiles) if (d !== undefined) out.add(d);
  return [...out];
}

function sameNames(containers: readonly ContainerSpec[], layout: ServiceLayout): boolean {
  return containers.length === layout.blocks.length && containers.every((c, i) => c.name === layout.blocks[i].name);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function linesHave(lines: readonly string[], from: number, to: number, pattern: RegExp): boolean {
  for (let i = from; i < to; i++) if (pattern.test(lines[i])) return true;
  return false;
}

/**
 * A finding of another service after an edit in lines [start, end) that moved later lines by `delta`;
 * undefined if it touches the edited lines (it would then not be another service's own).
 */
function moveFinding(f: Finding, start: number, end: number, delta: number): Finding | undefined {
  let ok = true;
  const moveSource = <T extends Source | TextEdit>(s: T): T => {
    const { start: a, end: z } = s.range;
    if (z.line >= start && a.line < end) ok = false;
    if (delta === 0 || a.line < end) return s;
    return { ...s, range: { start: { line: a.line + delta, character: a.character }, end: { line: z.line + delta, character: z.character } } };
  };
  const at = moveSource(f.at);
  const fix = f.fix && { ...f.fix, edits: f.fix.edits.map(moveSource) };
  const related = f.related?.map((r) => ({ ...r, source: moveSource(r.source) }));
  if (!ok) return undefined;
  if (at === f.at && (!f.fix || fix!.edits.every((e, i) => e === f.fix!.edits[i])) && (!f.related || related!.every((r, i) => r.source === f.related![i].source))) {
    return f;
  }
  const out: Finding = { ...f, at };
  if (f.fix) out.fix = fix;
  if (f.related) out.related = related;
  return out;
}
