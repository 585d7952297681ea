import * as path from 'node:path';
import type { ContainerSpec, ParsedFile, Source, TextEdit } from '../../shared-rules/src/model';
import type { Finding } from '../../shared-rules/src/rule';
import { builtImage } from '../../shared-rules/src/image-ref';
import {
  containerFindings,
  finishFindings,
  lintParsed,
  problemFindings,
  ruleContext,
  type LintOptions,
} from '../../shared-rules/src/engine';
import { checkNesting } from './compose/depth';
import { aliasCountsOf, DEFAULT_MAX_ALIASES, DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES, type AliasCounts } from './compose/parse';
import { blockHolding, serviceLayout, topHolding, type ServiceLayout } from './compose/service-blocks';
import type { FileAccess } from './fs';
import { lintDockerfileIncrementally, lintFile, projectFileAccess, type LintFileRequest, type LintResult } from './lint';
import { loadComposeProject, type ComposeProject } from './project/project';
import { scanSuppressions } from './suppressions';

/**
 * Incremental lint of a Compose file being edited (the language server's typing path). When an edit stays
 * inside one service's block, only that service is parsed again: the other services are blanked out of the
 * text (same line numbers), and their findings from the previous lint are kept, moved by the edit's line
 * delta. The file may have override files (they only refine its services; their parses are kept between
 * lints, project/parse-cache.ts). Every condition that could make the result differ from a full lint sends
 * the caller to a full lint: files that add services or include others, anchors or `extends` among the
 * services or in an override file, syntax problems, changed dependencies.
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
  /** The override files of the project, in order (their services merge into this file's). */
  overrides: string[];
  /** Dependencies are the files read before any `build:` link, then each service's Dockerfile in order. */
  pre: string[];
  dockerfiles: Array<string | undefined>;
  /** Upper bounds of the alias expansion of the whole text (the parser refuses alias bombs past the limits). */
  aliases: number;
  nodes: number;
  /** Lines where anchors are defined (none inside the services). */
  anchorLines: number[];
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
  const overrides = project.composeFiles.slice(1);
  const qualifies =
    parsed?.file === own &&
    onlyRefine(project, reads) &&
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
  const findings = finishFindings([...problemFindings(project.parsed), ...raw.flat()], project.parsed, options).filter(
    (f) => f.at.file === own,
  );
  const state: IncrementalState = {
    file: own,
    text: req.text,
    key: stateKey(req),
    layout,
    containers,
    raw,
    reads,
    overrides,
    pre,
    dockerfiles,
    aliases: counts.aliases,
    nodes: counts.nodes,
    anchorLines: counts.anchorLines,
  };
  return { result: { kind: 'compose', findings, dependencies }, state };
}

/**
 * The project's other compose files (override files) only refine this file's services: they declare none of
 * their own, include nothing, parse cleanly and use no `extends` (which could reach the edited service).
 */
function onlyRefine(project: ComposeProject, reads: ReadonlyMap<string, string | undefined>): boolean {
  return project.parsed.slice(1).every((p) => {
    const text = reads.get(p.file);
    return p.containers.length === 0 && !p.includes?.length && p.problems.length === 0 && text !== undefined && !EXTENDS.test(text);
  });
}

/** The fast path; undefined whenever it cannot be sure to match a full lint. */
function relint(prev: IncrementalState, req: LintFileRequest): IncrementalLint | undefined {
  const text = req.text;
  if (req.file !== prev.file || stateKey(req) !== prev.key) return undefined;
  if (text.length * 3 > DEFAULT_MAX_BYTES || checkNesting(text)) return undefined;
  const layout = serviceLayout(text);
  if (!layout || layout.blocks.length !== prev.layout.blocks.length || layout.tops.length !== prev.layout.tops.length) return undefined;

  // The changed lines: [first, oldLast] before the edit, [first, newLast] after it.
  const before = prev.layout.lines;
  const after = layout.lines;
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let tail = 0;
  while (tail < before.length - first && tail < after.length - first && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  const edit: LineEdit = {
    first,
    oldLast: before.length - 1 - tail,
    newLast: after.length - 1 - tail,
    delta: after.length - before.length,
  };
  if (!sameShape(prev.layout, layout, edit)) return undefined;
  const b = blockHolding(prev.layout, edit.first, edit.oldLast);
  if (b >= 0) return blockHolding(layout, edit.first, edit.newLast) === b ? relintService(prev, req, layout, edit, b) : undefined;
  const t = topHolding(prev.layout, edit.first, edit.oldLast);
  if (t >= 0 && topHolding(layout, edit.first, edit.newLast) === t) return relintTopLevel(prev, req, layout, edit, t);
  return undefined;
}

interface LineEdit {
  first: number;
  oldLast: number;
  newLast: number;
  /** Lines added (negative: removed). */
  delta: number;
}

/** Same services and top-level keys, each starting and ending where the edit moved it. */
function sameShape(old: ServiceLayout, now: ServiceLayout, edit: LineEdit): boolean {
  // keyLine and endLine are where lines start: those after the replaced lines move by the delta.
  const moved = (line: number) => (line > edit.oldLast ? line + edit.delta : line);
  const same = (o: { keyLine: number; endLine: number }, n: { keyLine: number; endLine: number }) =>
    n.keyLine === moved(o.keyLine) && n.endLine === moved(o.endLine);
  return (
    old.blocks.every((o, j) => o.name === now.blocks[j].name && same(o, now.blocks[j])) &&
    old.tops.every((o, j) => o.key === now.tops[j].key && same(o, now.tops[j]))
  );
}

/** Text with only lines [from, to) kept; the others empty, so line numbers stay. */
function keepOnly(lines: readonly string[], ranges: ReadonlyArray<readonly [number, number]>): string {
  const masked = new Array<string>(lines.length).fill('');
  for (const [from, to] of ranges) for (let i = from; i < to; i++) masked[i] = lines[i];
  return masked.join('\n');
}

/** An edit inside one service: that service is parsed again (with the top-level entries it may refer to). */
function relintService(
  prev: IncrementalState,
  req: LintFileRequest,
  layout: ServiceLayout,
  edit: LineEdit,
  b: number,
): IncrementalLint | undefined {
  const block = layout.blocks[b];
  if (linesHave(layout.lines, block.keyLine, block.endLine, EXTENDS)) return undefined;
  const services = layout.tops.find((t) => t.key === 'services');
  if (!services) return undefined;
  // The other services' lines become empty lines.
  const text = keepOnly(layout.lines, [
    [0, layout.blocks[0].keyLine],
    [block.keyLine, block.endLine],
    [layout.blocks[layout.blocks.length - 1].endLine, layout.lines.length],
  ]);
  const masked = parseMasked(prev, req, text);
  if (!masked) return undefined;
  const { parsed, counts, project } = masked;
  const service = parsed.containers[0];
  if (parsed.containers.length !== 1 || service.name !== block.name) return undefined;
  // Anchors among the services could be used by other services (or shadow those above them).
  if (counts.anchorLines.some((line) => line >= block.keyLine && line < block.endLine)) return undefined;
  // Other services' findings depend on this one only through its `depends_on` (network-none-suggested) and the
  // image it builds (the image rules do not judge a service that runs it).
  if (!sameList(service.dependsOn, prev.containers[b].dependsOn)) return undefined;
  if (builtImage(service) !== builtImage(prev.containers[b])) return undefined;
  // Dependencies: the same files read before the `build:` links, then this service's Dockerfile.
  const own = prev.file;
  const maskedDependencies = project.dependencies.filter((f) => f !== own);
  const dockerfile = project.dockerfiles.get(service.name);
  const pre = maskedDependencies.filter((f) => f !== dockerfile);
  if (!sameList(pre, prev.pre) || !sameList(maskedDependencies, dependencyOrder(pre, [dockerfile]))) return undefined;
  if (dockerfile !== undefined && pre.includes(dockerfile)) return undefined;
  if (!sameReads(prev, req, masked.reads)) return undefined;

  const options: LintOptions = req.options ?? {};
  const containers = prev.containers.slice();
  containers[b] = service;
  const dockerfiles = prev.dockerfiles.slice();
  dockerfiles[b] = dockerfile;
  const old = prev.layout.blocks[b];
  const raw = moveOthers(prev, old.keyLine, old.endLine, edit.delta, b, () =>
    containerFindings(service, ruleContext(options, containers), options),
  );
  if (!raw) return undefined;
  return finish(prev, req, layout, {
    containers,
    dockerfiles,
    raw,
    reads: masked.reads,
    counts,
    anchorLines: prev.anchorLines.map((l) => (l >= old.endLine ? l + edit.delta : l)),
  });
}

/**
 * An edit inside a top-level entry the model does not read (`volumes:`, `networks:`, an `x-` entry without
 * anchors, comments before the first key): that entry alone is parsed again, for its syntax; every
 * service's findings stay, moved by the edit's line delta.
 */
function relintTopLevel(
  prev: IncrementalState,
  req: LintFileRequest,
  layout: ServiceLayout,
  edit: LineEdit,
  t: number,
): IncrementalLint | undefined {
  const top = layout.tops[t];
  const old = prev.layout.tops[t];
  if (MODEL_KEYS.has(top.key)) return undefined;
  // Before the first key only comments are inert (an indented line there is a syntax error in full).
  if (top.key === '' && !linesAllComments(layout.lines, top.keyLine, top.endLine)) return undefined;
  // An anchor here may be what the services' aliases expand.
  if (prev.anchorLines.some((line) => line >= old.keyLine && line < old.endLine)) return undefined;
  let reads: ReadonlyMap<string, string | undefined> = new Map();
  let counts: AliasCounts = { aliases: 0, nodes: 0, anchorLines: [] };
  if (top.key !== '') {
    // Its lines alone, without the others' line numbers: nothing of this parse but its problems is used.
    const masked = parseMasked(prev, req, layout.lines.slice(top.keyLine, top.endLine).join('\n'));
    if (!masked) return undefined;
    if (masked.parsed.containers.length > 0 || masked.counts.anchorLines.length > 0) return undefined;
    if (
      !sameList(
        masked.project.dependencies.filter((f) => f !== prev.file),
        prev.pre,
      )
    )
      return undefined;
    ({ reads, counts } = masked);
  }
  if (!sameReads(prev, req, reads)) return undefined;
  const raw = moveOthers(prev, old.keyLine, old.endLine, edit.delta, -1, () => []);
  if (!raw) return undefined;
  return finish(prev, req, layout, {
    containers: prev.containers,
    dockerfiles: prev.dockerfiles,
    raw,
    reads,
    counts,
    anchorLines: prev.anchorLines.map((l) => (l >= old.endLine ? l + edit.delta : l)),
  });
}

/** Top-level keys the Compose model reads. */
const MODEL_KEYS = new Set(['services', 'include']);

interface MaskedParse {
  parsed: ParsedFile;
  counts: AliasCounts;
  project: ComposeProject;
  reads: Map<string, string | undefined>;
}

/** The project loaded from a masked text; undefined unless it is this one clean file within the alias limits. */
function parseMasked(prev: IncrementalState, req: LintFileRequest, text: string): MaskedParse | undefined {
  const own = prev.file;
  const reads = new Map<string, string | undefined>();
  const project = loadComposeProject(own, { files: recording(projectFileAccess({ ...req, text }), own, reads) });
  const parsed = project.parsed[0];
  const counts = parsed && aliasCountsOf(parsed);
  if (parsed?.file !== own || parsed.problems.length > 0 || parsed.includes?.length || !counts) return undefined;
  // The same override files (what they declare alone, with this file's services blanked, is not used).
  if (!sameList(project.composeFiles.slice(1), prev.overrides) || project.parsed.length !== 1 + prev.overrides.length) return undefined;
  if (prev.aliases + counts.aliases > DEFAULT_MAX_ALIASES || prev.nodes + counts.nodes > DEFAULT_MAX_NODES) return undefined;
  return { parsed, counts, project, reads };
}

/** Every file the previous lint read must read the same now (.env, override probes, Dockerfiles). */
function sameReads(prev: IncrementalState, req: LintFileRequest, reads: ReadonlyMap<string, string | undefined>): boolean {
  const files = projectFileAccess(req);
  for (const [f, t] of reads) if (prev.reads.has(f) && prev.reads.get(f) !== t) return false;
  for (const [f, t] of prev.reads) if (!reads.has(f) && files.readText(f) !== t) return false;
  return true;
}

/** Each container's raw findings: the previous ones moved past lines [start, end), `fresh()` for container `redo`. */
function moveOthers(
  prev: IncrementalState,
  start: number,
  end: number,
  delta: number,
  redo: number,
  fresh: () => Finding[],
): Finding[][] | undefined {
  const raw: Finding[][] = [];
  for (let j = 0; j < prev.raw.length; j++) {
    if (j === redo) {
      raw.push(fresh());
      continue;
    }
    const moved: Finding[] = [];
    for (const f of prev.raw[j]) {
      const m = moveFinding(f, prev.file, start, end, delta);
      if (!m) return undefined;
      moved.push(m);
    }
    raw.push(moved);
  }
  return raw;
}

interface Relinted {
  containers: ContainerSpec[];
  dockerfiles: Array<string | undefined>;
  raw: Finding[][];
  reads: ReadonlyMap<string, string | undefined>;
  counts: AliasCounts;
  anchorLines: number[];
}

function finish(prev: IncrementalState, req: LintFileRequest, layout: ServiceLayout, next: Relinted): IncrementalLint {
  const own = prev.file;
  const files1 = [{ file: own, suppressions: scanSuppressions(own, req.text) }];
  // Findings written in override files are kept in `raw` (they are the service's), but reported there.
  const findings = finishFindings(next.raw.flat(), files1, req.options ?? {}).filter((f) => f.at.file === own);
  const reads = new Map(prev.reads);
  for (const [f, t] of next.reads) reads.set(f, t);
  const dependencies = dependencyOrder(prev.pre, next.dockerfiles);
  const state: IncrementalState = {
    ...prev,
    text: req.text,
    layout,
    containers: next.containers,
    raw: next.raw,
    reads,
    dockerfiles: next.dockerfiles,
    aliases: prev.aliases + next.counts.aliases,
    nodes: prev.nodes + next.counts.nodes,
    anchorLines: next.anchorLines,
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

function linesAllComments(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = lines[i].trimStart();
    if (t !== '' && !t.startsWith('#')) return false;
  }
  return true;
}

function linesHave(lines: readonly string[], from: number, to: number, pattern: RegExp): boolean {
  for (let i = from; i < to; i++) if (pattern.test(lines[i])) return true;
  return false;
}

/**
 * A finding of another service after an edit in lines [start, end) of `file` that moved its later lines by
 * `delta`; undefined if it touches the edited lines (it would then not be another service's own). Places in
 * other files (override files) stay where they are.
 */
function moveFinding(f: Finding, file: string, start: number, end: number, delta: number): Finding | undefined {
  let ok = true;
  const moveSource = <T extends Source | TextEdit>(s: T): T => {
    if (s.file !== file) return s;
    const { start: a, end: z } = s.range;
    if (z.line >= start && a.line < end) ok = false;
    if (delta === 0 || a.line < end) return s;
    return {
      ...s,
      range: { start: { line: a.line + delta, character: a.character }, end: { line: z.line + delta, character: z.character } },
    };
  };
  const at = moveSource(f.at);
  const fix = f.fix && { ...f.fix, edits: f.fix.edits.map(moveSource) };
  const related = f.related?.map((r) => ({ ...r, source: moveSource(r.source) }));
  if (!ok) return undefined;
  if (
    at === f.at &&
    (!f.fix || fix!.edits.every((e, i) => e === f.fix!.edits[i])) &&
    (!f.related || related!.every((r, i) => r.source === f.related![i].source))
  ) {
    return f;
  }
  const out: Finding = { ...f, at };
  if (f.fix) out.fix = fix;
  if (f.related) out.related = related;
  return out;
}
